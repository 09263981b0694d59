import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { OutcomesModule } from '../outcomes/outcomes.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PersonalDataService } from './personal-data.service.js';

/** PDP export and erasure over every module's data about a person (see PersonalDataService). */
@Module({
  imports: [ParticipantsModule, RegistrationsModule, AttendanceModule, CertificatesModule, OutcomesModule],
  controllers: [PersonalDataController],
  providers: [PersonalDataService],
})
export class PersonalDataModule {}
