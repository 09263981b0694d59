import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { PARTNER_TYPES, type Partner, type PartnerType } from '../partner.entity.js';
import { nullable } from '../../common/validation.js';
import { API_BASE_PATH } from '../../config/api-prefix.js';

export class CreatePartnerDto {
  @ApiProperty({ example: 'ORARI Lokal Purbalingga' }) @IsString() @MinLength(2) @MaxLength(150) name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) @IsIn(PARTNER_TYPES) type: PartnerType;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(150)
  contactName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '081234567890' })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(30)
  contactPhone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string | null;
}

export class UpdatePartnerDto extends PartialType(CreatePartnerDto) {
  @ApiPropertyOptional({ description: 'Admin only: inactive partners disappear from public lists' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

/** What a partner's own users may change about it. */
export const PARTNER_SELF_EDITABLE = ['description', 'contactName', 'contactEmail', 'contactPhone', 'website'] as const;

export class ListPartnersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PARTNER_TYPES }) @IsOptional() @IsIn(PARTNER_TYPES) type?: PartnerType;
  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(150)
  q?: string;
}

export class PartnerResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) type: PartnerType;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty() isActive: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Staff, admin and the partner's own users only" })
  contactName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) contactEmail?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) contactPhone?: string | null;

  static from(p: Partner, withContact: boolean): PartnerResponseDto {
    const base: PartnerResponseDto = {
      id: p.id,
      name: p.name,
      type: p.type,
      description: p.description,
      website: p.website,
      isActive: p.isActive,
    };
    return withContact
      ? { ...base, contactName: p.contactName, contactEmail: p.contactEmail, contactPhone: p.contactPhone }
      : base;
  }
}

export class PartnerCalendarTokenResponseDto {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() token: string;
  @ApiProperty({
    example: `${API_BASE_PATH}/partners/…/calendar.ics?token=…`,
    description: 'Path of the feed to subscribe to',
  })
  feedPath: string;
}
