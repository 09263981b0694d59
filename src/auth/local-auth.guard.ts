import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { badInput } from '../common/problem.js';
import { flattenValidationErrors } from '../common/validation.js';
import { LoginDto } from './dto/auth.dto.js';

/** passport-local, after the body has passed the same validation every other route gets (guards run before pipes). */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body;
    const dto = plainToInstance(LoginDto, typeof body === 'object' && body !== null ? body : {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw badInput('The request has invalid fields', flattenValidationErrors(errors));
    return (await super.canActivate(context)) as boolean;
  }
}
