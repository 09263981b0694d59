import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Public } from '../common/auth.decorator.js';
import { KecamatanResponseDto } from './dto/kecamatan-response.dto.js';
import { Kecamatan } from './kecamatan.entity.js';

@ApiTags('reference data')
@Controller('regions')
export class RegionsController {
  constructor(@InjectRepository(Kecamatan) private readonly kecamatan: Repository<Kecamatan>) {}

  @Get('kecamatan')
  @Public()
  @ApiOkResponse({ type: [KecamatanResponseDto] })
  list(): Promise<Kecamatan[]> {
    return this.kecamatan.find({ order: { code: 'ASC' } });
  }
}
