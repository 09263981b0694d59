import { ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { Actor, Role } from '../common/actor.js';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth.decorator.js';

/**
 * Global guard, deny by default: a route is open only when marked @Public(); otherwise it needs a
 * valid access token, and a role from @Auth(...). A route with neither decorator is refused to all.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = context.switchToHttp().getRequest<Request>();
    if (isPublic && !req.headers.authorization) return true;

    await super.canActivate(context);
    const actor = req.user as Actor;
    if (isPublic) return true;
    if (!Array.isArray(roles)) throw new ForbiddenException('This route is not open to any role');
    if (roles.length > 0 && !roles.includes(actor.role)) {
      throw new ForbiddenException(`Only for ${roles.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    // Token problems arrive as `user === false`; `err` comes from JwtStrategy.validate (a database failure
    // included), which must surface as itself (503), not as a 401 that would sign the user out.
    if (err) throw err;
    if (!user) throw new UnauthorizedException('Missing, invalid or expired access token');
    return user;
  }
}
