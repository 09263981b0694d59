import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins, counted per email and client address; kept in the database so every process sees them. */
@Entity('login_failures')
@Index(['email', 'clientAddress', 'createdAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { length: 254 }) email: string;
  @Column('varchar', { name: 'client_address', length: 64 }) clientAddress: string;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
}
