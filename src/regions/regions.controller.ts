import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Public } from '../auth/auth.decorator.js';
import { Kecamatan } from './kecamatan.entity.js';

@ApiTags('reference data')
@Controller('regions')
export class RegionsController {
  constructor(@InjectRepository(Kecamatan) private readonly kecamatan: Repository<Kecamatan>) {}

  @Get('kecamatan')
  @Public()
  list(): Promise<Kecamatan[]> {
    return this.kecamatan.find({ order: { code: 'ASC' } });
  }
}
