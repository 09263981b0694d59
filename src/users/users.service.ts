import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { foldCase } from '../common/fold-case.js';
import { Page, page } from '../common/pagination.js';
import { badInput, conflict, notFound } from '../common/problem.js';
import type { Actor, Role } from '../common/actor.js';
import { uniqueOr } from '../database/unique-conflict.js';
import { rowById } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { hashPassword } from '../common/password.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { UserResponseDto } from './dto/user-response.dto.js';
import { ListUsersQuery } from './dto/list-users.query.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { User } from './user.entity.js';

/** The account's shape for other modules (a type only: its rows are reached through this service). */
export type { User } from './user.entity.js';

export interface NewUser {
  email: string;
  password: string;
  fullName: string;
  role: Role;
  partnerId?: string | null;
  phone?: string | null;
}

/** An account's contact columns as the driver returns them (is_active: 0/1 or boolean by driver). */
export interface UserContactRow {
  id: string;
  email: string;
  phone: string | null;
  is_active: unknown;
}

const ACTIVE_STAFF_SQL = "SELECT id FROM users WHERE role = 'staff' AND is_active = ?";

const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

export const normaliseEmail = (email: string) => foldCase(email.trim());

const ERASED_USER_NAME = 'Terhapus';
/** The audit entity type of users (see the @Audited decorator on User). */
const USER_AUDIT_TYPE = 'user';
export const erasedEmail = (userId: string) => `erased-${userId}@invalid`;

/** An audit snapshot of a user (JSON) with its personal fields replaced by the erased values. */
function pseudonymised(snapshot: string | null, email: string): string | null {
  if (!snapshot) return snapshot;
  const fields = JSON.parse(snapshot) as Record<string, unknown>;
  if ('email' in fields) fields.email = email;
  if ('fullName' in fields) fields.fullName = ERASED_USER_NAME;
  if ('phone' in fields) fields.phone = null;
  return JSON.stringify(fields);
}

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly refreshTokens: RefreshTokensService,
    private readonly audit: AuditService,
    private readonly partners: PartnersService,
  ) {}

  findActiveById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, isActive: true });
  }

  /** What every authenticated request re-reads (JwtStrategy): the actor's fields, not the password hash or profile. */
  async findActiveActor(id: string): Promise<Pick<User, 'id' | 'email' | 'role' | 'partnerId'> | null> {
    // On every authenticated request: a prepared single-row read (database/row-statements.ts).
    const user = await rowById(this.users.manager, User, id, ['id', 'email', 'role', 'partnerId', 'isActive']);
    return user?.isActive ? user : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normaliseEmail(email) });
  }

  /**
   * Creates a user inside the caller's transaction; 409 when the email is taken. The password is
   * hashed before the transaction starts, so no lock is held during the deliberately slow hash.
   */
  async createIn(em: EntityManager, input: NewUser, passwordHash: string): Promise<User> {
    const partnerId = await this.checkRolePartner(em, input.role, input.partnerId ?? null);
    const user = em.create(User, {
      email: normaliseEmail(input.email),
      passwordHash,
      fullName: input.fullName.trim(),
      phone: input.phone ?? null,
      role: input.role,
      partnerId,
      isActive: true,
    });
    return uniqueOr(
      () => em.save(user),
      () => conflict('A user with this email already exists', 'email_taken'),
    );
  }

  async create(input: NewUser, actor: Actor | null): Promise<UserResponseDto> {
    const passwordHash = await hashPassword(input.password, this.config.passwordHashCost);
    return UserResponseDto.from(await this.uow.run(actor, (em) => this.createIn(em, input, passwordHash)));
  }

  async list(query: ListUsersQuery): Promise<Page<UserResponseDto>> {
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    const q = query.q?.trim();
    if (q) {
      // Emails are stored folded; names are folded here (LOWER), so any case of the typed text matches.
      const like = `%${escapeLike(foldCase(q))}%`;
      qb.andWhere("(u.email LIKE :like ESCAPE '!' OR LOWER(u.fullName) LIKE :like ESCAPE '!')", { like });
    }
    const [rows, total] = await qb.getManyAndCount();
    return page(rows.map(UserResponseDto.from), total, query);
  }

  async get(id: string): Promise<UserResponseDto> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    return UserResponseDto.from(user);
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserResponseDto> {
    const user = await this.uow.run(actor, async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw notFound('User');
      if (id === actor.id && (dto.isActive === false || (dto.role && dto.role !== 'admin'))) {
        throw conflict('Admins cannot deactivate or demote themselves', 'self_demotion');
      }
      const role = dto.role ?? user.role;
      const partnerId = dto.partnerId !== undefined ? dto.partnerId : role === 'partner' ? user.partnerId : null;
      user.partnerId = await this.checkRolePartner(em, role, partnerId);
      user.role = role;
      if (dto.fullName !== undefined) user.fullName = dto.fullName.trim();
      if (dto.isActive !== undefined) user.isActive = dto.isActive;
      const saved = await em.save(user);
      if (!saved.isActive) {
        // Refresh tokens die with the account; access tokens fail at the next request (see JwtStrategy).
        await this.refreshTokens.revokeAllOfUserIn(em, id);
      }
      return saved;
    });
    return UserResponseDto.from(user);
  }

  /**
   * Closes an account for good inside the caller's transaction (participant erasure, PDP law): name, email
   * and phone replaced by a pseudonym, the password hash emptied (nothing verifies against it), the account
   * deactivated (JwtStrategy refuses its access tokens at the next request) and its refresh tokens deleted.
   * The email becomes `erased-<user id>@invalid`: unique like every email, and never a real address (the
   * reserved `.invalid` name, not even accepted by registration). Earlier audit rows of the account lose
   * the same fields, so the trail keeps who did what, not whom it was about.
   */
  async closeAccountIn(em: EntityManager, userId: string): Promise<void> {
    const email = erasedEmail(userId);
    await em
      .createQueryBuilder()
      .update(User)
      .set({ email, fullName: ERASED_USER_NAME, phone: null, passwordHash: '', isActive: false })
      .where('id = :id', { id: userId })
      .execute();
    await this.refreshTokens.deleteAllOfUserIn(em, userId);
    await this.audit.rewriteSnapshotsIn(em, USER_AUDIT_TYPE, userId, (snapshot) => pseudonymised(snapshot, email));
  }

  private async checkRolePartner(em: EntityManager, role: Role, partnerId: string | null): Promise<string | null> {
    if (role !== 'partner') {
      if (partnerId)
        throw badInput('Only partner users belong to a partner', [
          { field: 'partnerId', message: 'only for role partner' },
        ]);
      return null;
    }
    if (!partnerId)
      throw badInput('A partner user needs a partnerId', [
        { field: 'partnerId', message: 'required for role partner' },
      ]);
    if (!(await this.partners.existsIn(em, partnerId))) {
      throw badInput('Unknown partner', [{ field: 'partnerId', message: 'no such partner' }], 'unknown_partner');
    }
    return partnerId;
  }

  /** The active account inside the caller's transaction (token rotation), or null. */
  findActiveIn(em: EntityManager, id: string): Promise<User | null> {
    return em.findOneBy(User, { id, isActive: true });
  }

  /** The active staff accounts, in the caller's transaction (booking requests notify all of them). */
  async activeStaffIdsIn(em: EntityManager): Promise<string[]> {
    const rows = (await em.query(ACTIVE_STAFF_SQL, [true])) as { id: string }[];
    return rows.map((u) => u.id);
  }

  /** The contact columns of these accounts as stored, one statement for a whole batch (notification dispatch). */
  async contactRows(ids: string[]): Promise<UserContactRow[]> {
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(', ');
    return (await this.users.manager.query(
      `SELECT id, email, phone, is_active FROM users WHERE id IN (${marks})`,
      ids,
    )) as UserContactRow[];
  }
}
