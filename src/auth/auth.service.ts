import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MoreThan } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { normalisePhone } from '../common/phone.js';
import { ProblemException, badInput, unauthorized } from '../common/problem.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { User } from '../users/user.entity.js';
import { UsersService, normaliseEmail } from '../users/users.service.js';
import { AuthResponseDto, RegisterDto } from './dto/auth.dto.js';
import { LoginFailure } from './login-failure.entity.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { TokensService } from './tokens.service.js';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  /** `actor`: someone signed in registering a citizen (a staff member at a help desk), whose change is audited. */
  async register(dto: RegisterDto, actor: Actor | null): Promise<AuthResponseDto> {
    let phone: string | null = null;
    if (dto.phone !== undefined) {
      phone = normalisePhone(dto.phone);
      if (!phone) throw badInput('Invalid phone number', [{ field: 'phone', message: 'not a valid Indonesian phone number' }], 'invalid_phone');
    }
    const passwordHash = await hashPassword(dto.password);
    const { user, tokens } = await this.uow.run(actor, async (em) => {
      const user = await this.users.createIn(em, { ...dto, phone, role: 'participant' }, passwordHash);
      return { user, tokens: await this.tokens.issueIn(em, user) };
    });
    return { user: UserResponseDto.from(user), ...tokens };
  }

  /**
   * Checks credentials for the local strategy. Failures are counted per email and client address
   * in the database; past the limit every attempt, right or wrong, is refused until the window passes.
   */
  async validateCredentials(email: string, password: string, clientAddress: string): Promise<User> {
    const key = normaliseEmail(email);
    const since = new Date(Date.now() - FAILURE_WINDOW_MS);
    const recent = await this.uow.dataSource.getRepository(LoginFailure).find({
      where: { email: key, clientAddress, createdAt: MoreThan(since) },
      order: { createdAt: 'ASC' },
      take: this.config.loginMaxFailures,
    });
    if (recent.length >= this.config.loginMaxFailures) {
      const retryAfter = Math.max(1, Math.ceil((recent[0].createdAt.getTime() + FAILURE_WINDOW_MS - Date.now()) / 1000));
      throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins; please wait before trying again', undefined, {
        'Retry-After': String(retryAfter),
      }, 'login_locked');
    }
    const user = await this.users.findByEmail(key);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.isActive) {
      await this.uow.run(null, (em) =>
        em.insert(LoginFailure, { id: randomUUID(), email: key, clientAddress, createdAt: new Date() }),
      );
      throw unauthorized('Invalid email or password', 'invalid_credentials');
    }
    return user;
  }

  async login(user: User): Promise<AuthResponseDto> {
    const tokens = await this.uow.run(null, (em) => this.tokens.issueIn(em, user));
    return { user: UserResponseDto.from(user), ...tokens };
  }

  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const { user, tokens } = await this.tokens.rotate(refreshToken);
    return { user: UserResponseDto.from(user), ...tokens };
  }

  logout(refreshToken: string, userId: string): Promise<void> {
    return this.tokens.revoke(refreshToken, userId);
  }

  async me(userId: string): Promise<UserResponseDto> {
    const user = await this.users.findActiveById(userId);
    if (!user) throw unauthorized('Account is not active', 'account_inactive');
    return UserResponseDto.from(user);
  }
}
