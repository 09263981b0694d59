import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { normalisePhone } from '../common/phone.js';
import { ProblemException, badInput, unauthorized } from '../common/problem.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { type User, UsersService, normaliseEmail } from '../users/users.service.js';
import { AuthResponseDto, RegisterDto } from './dto/auth.dto.js';
import { LoginAttempts } from './login-attempts.js';
import { dummyPasswordHash, hashPassword, type PasswordHashCost, verifyPassword } from '../common/password.js';
import { TokensService } from './tokens.service.js';
import { GateFull, VerificationGate } from './verification-gate.js';

@Injectable()
export class AuthService {
  /** Bounds the password checks of this process (LOGIN_VERIFY_CONCURRENCY running, LOGIN_VERIFY_QUEUE waiting). */
  private readonly gate: VerificationGate;
  private readonly passwordHashCost: PasswordHashCost;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly attempts: LoginAttempts,
  ) {
    this.gate = new VerificationGate(config.loginVerifyConcurrency, config.loginVerifyQueue);
    this.passwordHashCost = config.passwordHashCost;
  }

  /** `actor`: someone signed in registering a citizen (a staff member at a help desk), whose change is audited. */
  async register(dto: RegisterDto, actor: Actor | null): Promise<AuthResponseDto> {
    let phone: string | null = null;
    if (dto.phone !== undefined) {
      phone = normalisePhone(dto.phone);
      if (!phone)
        throw badInput(
          'Invalid phone number',
          [{ field: 'phone', message: 'not a valid Indonesian phone number' }],
          'invalid_phone',
        );
    }
    const passwordHash = await hashPassword(dto.password, this.passwordHashCost);
    const { user, tokens } = await this.uow.run(actor, async (em) => {
      const user = await this.users.createIn(em, { ...dto, phone, role: 'participant' }, passwordHash);
      return { user, tokens: await this.tokens.issueIn(em, user) };
    });
    return { user: UserResponseDto.from(user), ...tokens };
  }

  /**
   * Checks credentials for the local strategy. The attempt is counted per email and client address
   * before the password is looked at (LoginAttempts): past LOGIN_MAX_FAILURES in the window every attempt,
   * right or wrong, is refused until the window passes, and parallel guesses cannot slip past the count.
   * A right password gives its place back. The check itself waits for a place at the verification gate.
   */
  async validateCredentials(email: string, password: string, clientAddress: string): Promise<User> {
    const key = normaliseEmail(email);
    // A flood already fills the gate: refuse before counting, which would take two writes to undo.
    if (this.gate.full) throw this.busy(this.gate.refusal());
    const attempt = await this.attempts.count(key, clientAddress);
    if (!attempt.counted) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too many failed logins; please wait before trying again',
        undefined,
        {
          'Retry-After': String(attempt.retryAfterSeconds),
        },
        'login_locked',
      );
    }
    let user: User | null;
    try {
      user = await this.checkPassword(key, password);
    } catch (err) {
      // No password was verified (the gate was full, or the database failed): the attempt was no guess.
      await this.attempts.release(attempt.id).catch(() => undefined);
      throw err instanceof GateFull ? this.busy(err) : err;
    }
    // The counted attempt stays: it is the recorded failure.
    if (!user) throw unauthorized('Invalid email or password', 'invalid_credentials');
    await this.attempts.release(attempt.id);
    return user;
  }

  private busy(refusal: GateFull): ProblemException {
    return new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Too many sign-ins are being checked right now; please retry shortly',
      undefined,
      {
        'Retry-After': String(refusal.retryAfterSeconds),
      },
    );
  }

  /** The active user with this email and password, or null; an unknown email costs the same hash. */
  private async checkPassword(email: string, password: string): Promise<User | null> {
    const user = await this.users.findByEmail(email);
    const ok = await this.gate.run(async () =>
      verifyPassword(user?.passwordHash ?? (await dummyPasswordHash(this.passwordHashCost)), password),
    );
    return user && ok && user.isActive ? user : null;
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
