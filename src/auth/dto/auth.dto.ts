import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserResponseDto } from '../../users/dto/user-response.dto.js';

export class RegisterDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(150) fullName: string;
  @ApiPropertyOptional({ example: '081234567890' }) @IsOptional() @IsString() @MaxLength(30) phone?: string;
}

export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200) refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
}

export class AuthResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}
