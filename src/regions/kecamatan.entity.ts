import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('kecamatan')
export class Kecamatan {
  @PrimaryColumn('varchar', { length: 8 }) code: string;
  @Column('varchar', { length: 60 }) name: string;
}
