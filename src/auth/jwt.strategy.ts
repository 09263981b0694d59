import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import type { Actor } from '../common/actor.js';
import { unauthorized } from '../common/problem.js';
import { UsersService } from '../users/users.service.js';
import { type TokenClaims, VerifiedTokens } from './verified-tokens.js';

interface AccessClaims extends TokenClaims {
  sub?: unknown;
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  /** Tokens passport-jwt has verified, so a repeat of the same token skips the signature check. */
  private readonly verified = new VerifiedTokens<AccessClaims>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
      // request and builds a secret key only after that throws, which cost more CPU than the rest of the check.
      // (The typings say string | Buffer; jsonwebtoken takes a KeyObject.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** passport's entry point: a token verified before (and not yet expired) goes straight to `validate`. */
  override authenticate(req: Request, options?: object): void {
    const token = bearerToken(req);
    const claims = token ? this.verified.get(token) : undefined;
    if (!claims) return super.authenticate(req, options);
    this.actorFor(req as { id?: string }, claims).then(
      (actor) => this.success(actor),
      (err: unknown) => this.error(err as Error),
    );
  }

  /** passport-jwt calls this after it verified the token's signature and expiry. */
  async validate(req: Request & { id?: string }, payload: AccessClaims): Promise<Actor> {
    const token = bearerToken(req);
    if (token) this.verified.remember(token, payload);
    return this.actorFor(req, payload);
  }

  /** Reads the user on every request, so a deactivation or role change applies at once. */
  private async actorFor(req: { id?: string }, payload: AccessClaims): Promise<Actor> {
    const user = typeof payload.sub === 'string' ? await this.users.findActiveActor(payload.sub) : null;
    if (!user) throw unauthorized('Account is not active', 'account_inactive');
    return { id: user.id, email: user.email, role: user.role, partnerId: user.partnerId, requestId: req.id };
  }
}
