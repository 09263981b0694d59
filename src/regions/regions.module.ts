import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Kecamatan } from './kecamatan.entity.js';
import { RegionsController } from './regions.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Kecamatan])],
  controllers: [RegionsController],
})
export class RegionsModule {}
