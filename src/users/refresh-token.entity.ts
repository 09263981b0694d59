import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An opaque refresh token, kept only as a SHA-256 hash. Tokens from one login share a family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'user_id', length: 36 }) userId: string;
  @Index()
  @Column('varchar', { name: 'family_id', length: 36 })
  familyId: string;
  @Index({ unique: true })
  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash: string;
  @Column('datetime', { name: 'expires_at', precision: 3 }) expiresAt: Date;
  @Column('datetime', { name: 'used_at', precision: 3, nullable: true }) usedAt: Date | null;
  @Column('datetime', { name: 'revoked_at', precision: 3, nullable: true }) revokedAt: Date | null;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
}
