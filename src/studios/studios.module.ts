import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudioClosure } from './studio-closure.entity.js';
import { Studio } from './studio.entity.js';
import { StudiosController } from './studios.controller.js';
import { StudiosService } from './studios.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Studio, StudioClosure])],
  controllers: [StudiosController],
  providers: [StudiosService],
  exports: [StudiosService],
})
export class StudiosModule {}
