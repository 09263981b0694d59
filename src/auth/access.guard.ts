import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor, Role } from '../common/actor.js';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth.decorator.js';
import { JwtStrategy } from './jwt.strategy.js';
import { runStrategy } from './run-strategy.js';

/**
 * Global guard, deny by default: a route is open only when marked @Public(); otherwise it needs a
 * valid access token, and a role from @Auth(...). A route with neither decorator is refused to all.
 * The token is checked by the passport-jwt strategy (jwt.strategy.ts), run directly (run-strategy.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = context.switchToHttp().getRequest<Request>();
    if (isPublic && !req.headers.authorization) return true;

    // A failure of the strategy's user read (the database down, say) rejects as itself (503), not as a 401
    // that would sign the user out.
    const { user } = await runStrategy<Actor>(this.jwt, req);
    if (!user) throw new UnauthorizedException('Missing, invalid or expired access token');
    req.user = user;
    if (isPublic) return true;
    if (!Array.isArray(roles)) throw new ForbiddenException('This route is not open to any role');
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new ForbiddenException(`Only for ${roles.join(', ')}`);
    }
    return true;
  }
}
