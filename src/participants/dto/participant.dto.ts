import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { maskedNikOf } from '../masked-nik.js';
import type { Gender } from '../nik.js';
import { OCCUPATIONS, type Occupation } from '../participant-rules.js';
import type { Participant } from '../participant.entity.js';
import { nullable } from '../../common/validation.js';

const GENDERS = ['male', 'female'] as const;

export class ParticipantBodyDto {
  @ApiProperty({ example: 'Siti Rahayu' }) @IsString() @MinLength(2) @MaxLength(150) fullName: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '3303014101900001',
    description: '16 digits; spaces and dots are ignored',
  })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(24)
  nik?: string | null;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS) gender: Gender;
  @ApiProperty({ example: '1990-01-01' })
  @IsISO8601({ strict: true })
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate: string;
  @ApiProperty({ example: '081234567890' }) @IsString() @MaxLength(30) phone: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @nullable @IsEmail() @MaxLength(254) email?:
    string | null;
  @ApiProperty({ example: '33.03.01' }) @IsString() @Length(8, 8) kecamatanCode: string;
  @ApiProperty({ example: 'Bancar' }) @IsString() @MinLength(1) @MaxLength(100) village: string;
  @ApiProperty({ enum: OCCUPATIONS }) @IsIn(OCCUPATIONS) occupation: Occupation;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasDisability?: boolean;
  @ApiProperty({ description: 'Must be true (UU 27/2022)' })
  @Equals(true, { message: 'consent must be true' })
  consent: boolean;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(150)
  guardianName?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() guardianConsent?: boolean;
}

export class UpdateParticipantDto extends PartialType(ParticipantBodyDto) {}

export class ListParticipantsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, a phone number, or an exact NIK' })
  @IsOptional()
  @IsString()
  @MaxLength(150)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(8, 8) kecamatanCode?: string;
}

export class ParticipantResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty() fullName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '330301**********',
    description: 'Region code only; birth date and serial masked',
  })
  nikMasked: string | null;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ nullable: true, type: String }) birthDate: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() kecamatanCode: string;
  @ApiProperty({ nullable: true, type: String }) village: string | null;
  @ApiProperty({ enum: OCCUPATIONS }) occupation: Occupation;
  @ApiProperty() hasDisability: boolean;
  @ApiProperty() consentAt: Date;
  @ApiProperty() consentPolicyVersion: string;
  @ApiProperty({ nullable: true, type: String }) guardianName: string | null;
  @ApiProperty() guardianConsent: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  /** `dataKey` decrypts the NIK for its mask (APP_CONFIG.dataEncryptionKey). */
  static from(p: Participant, dataKey: Buffer): ParticipantResponseDto {
    return {
      id: p.id,
      userId: p.userId,
      fullName: p.fullName,
      nikMasked: maskedNikOf(p.nikEncrypted, dataKey),
      gender: p.gender,
      birthDate: p.birthDate,
      phone: p.phone,
      email: p.email,
      kecamatanCode: p.kecamatanCode,
      village: p.village,
      occupation: p.occupation,
      hasDisability: p.hasDisability,
      consentAt: p.consentAt,
      consentPolicyVersion: p.consentPolicyVersion,
      guardianName: p.guardianName,
      guardianConsent: p.guardianConsent,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}
