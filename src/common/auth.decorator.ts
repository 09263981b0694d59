import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from './api-docs.js';
import type { Actor, Role } from './actor.js';

// Route metadata only (no auth logic), so it lives in common and every module's controllers use it without
// depending on auth; auth's guard (access.guard.ts) reads ROLES_KEY and PUBLIC_KEY.
export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

const problemContent = { 'application/problem+json': { schema: PROBLEM_SCHEMA } };

/**
 * Marks a route as needing a signed-in user with one of `roles` (none = any role), and writes the
 * matching OpenAPI security entry, role list and 401/403 answers at the same time.
 */
export function Auth(...roles: Role[]) {
  const who = roles.length ? roles.join(', ') : 'any signed-in user';
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiOperation({ description: `Roles: ${who}.` }),
    ApiExtension('x-roles', roles.length ? roles : ['any']),
    ApiResponse({ status: 401, description: 'No, bad, expired or revoked credentials', content: problemContent }),
    ...(roles.length ? [ApiResponse({ status: 403, description: `Only for ${who}`, content: problemContent })] : []),
  );
}

/** Open to everyone; a valid bearer token, when sent, is still read (some answers show more to staff). */
export function Public() {
  return applyDecorators(
    SetMetadata(PUBLIC_KEY, true),
    ApiOperation({ description: 'Public: no sign-in needed.' }),
    ApiExtension('x-roles', ['public']),
  );
}

/** The signed-in user, or undefined on a public route called without a token. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
});
