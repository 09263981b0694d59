import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckIn } from '../attendance/check-in.entity.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { Certificate } from './certificate.entity.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';

@Module({
  // CheckIn is owned by the attendance module; listing it here too only makes sure its metadata is loaded.
  imports: [TypeOrmModule.forFeature([Certificate, CheckIn]), RegistrationsModule],
  controllers: [CertificatesController],
  providers: [CertificatesService],
})
export class CertificatesModule {}
