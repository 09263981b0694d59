import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { ParticipantExportResponseDto } from './dto/participant-export.dto.js';
import { PersonalDataService } from './personal-data.service.js';

/** The person's own export and erasure, next to the profile routes of participants (same path, same tag). */
@ApiTags('participants')
@Controller('me/participant')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('export')
  @Auth('participant')
  @ApiProblems(404)
  @ApiOkResponse({ type: ParticipantExportResponseDto })
  export(@CurrentUser() actor: Actor) {
    return this.personalData.exportMine(actor);
  }

  @Delete()
  @HttpCode(204)
  @Auth('participant')
  @ApiProblems(404)
  @ApiNoContentResponse({ description: 'Personal data erased' })
  async erase(@CurrentUser() actor: Actor): Promise<void> {
    await this.personalData.eraseMine(actor);
  }
}
