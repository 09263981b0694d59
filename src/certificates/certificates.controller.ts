import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser, Public } from '../common/auth.decorator.js';
import { ApiFileResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { contentDisposition } from '../common/tabular-export.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateVerificationDto } from './dto/certificate.dto.js';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('registrations/:id/certificate.pdf')
  @Auth('participant', 'staff', 'admin')
  @ApiProduces('application/pdf')
  @ApiFileResponse(
    200,
    'The certificate (issued on the first request once the participant has checked in)',
    'application/pdf',
  )
  @ApiProblems(400, 404, 409)
  async pdf(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor, @Res() res: Response): Promise<void> {
    const { filename, pdf } = await this.certificates.pdf(id, actor);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', contentDisposition(filename))
      // Personal data: never in a shared cache, and not kept once the person erases it.
      .setHeader('Cache-Control', 'private, no-store');
    res.send(pdf);
  }

  @Get('certificates/:number')
  @Public()
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiProblems(404)
  verify(@Param('number') number: string) {
    return this.certificates.verify(number);
  }
}
