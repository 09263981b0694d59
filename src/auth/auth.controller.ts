import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import type { User } from '../users/users.service.js';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { Auth, CurrentUser, Public } from '../common/auth.decorator.js';
import { AuthService } from './auth.service.js';
import { AuthResponseDto, LoginDto, RefreshDto, RegisterDto } from './dto/auth.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { LoginAddressGuard } from './login-address.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiProblems(400, 409, 429)
  @ApiCreatedResponse({ type: AuthResponseDto })
  register(@Body() dto: RegisterDto, @CurrentUser() actor?: Actor): Promise<AuthResponseDto> {
    return this.auth.register(dto, actor ?? null);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  // In this order: an address over its limit is refused before any database work or password check.
  @UseGuards(LoginAddressGuard, LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiProblems(400, 401, 429)
  @ApiOkResponse({ type: AuthResponseDto })
  login(@CurrentUser() user: unknown): Promise<AuthResponseDto> {
    return this.auth.login(user as User);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiProblems(400, 401)
  @ApiOkResponse({ type: AuthResponseDto })
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Auth()
  @ApiProblems(400)
  @ApiNoContentResponse({ description: 'Signed out: the refresh token family is revoked' })
  async logout(@Body() dto: RefreshDto, @CurrentUser() actor: Actor): Promise<void> {
    await this.auth.logout(dto.refreshToken, actor.id);
  }

  @Get('me')
  @Auth()
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentUser() actor: Actor): Promise<UserResponseDto> {
    return this.auth.me(actor.id);
  }
}
