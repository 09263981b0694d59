import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import type { Actor } from '../common/actor.js';
import { unauthorized } from '../common/problem.js';
import { UsersService } from '../users/users.service.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
      // request and builds a secret key only after that throws, which cost more CPU than the rest of the check.
      // (The typings say string | Buffer; jsonwebtoken takes a KeyObject.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** Reads the user on every request, so a deactivation or role change applies at once. */
  async validate(req: { id?: string }, payload: { sub?: unknown }): Promise<Actor> {
    const user = typeof payload.sub === 'string' ? await this.users.findActiveActor(payload.sub) : null;
    if (!user) throw unauthorized('Account is not active', 'account_inactive');
    return { id: user.id, email: user.email, role: user.role, partnerId: user.partnerId, requestId: req.id };
  }
}
