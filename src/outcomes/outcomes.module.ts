import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { EventsModule } from '../events/events.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { Evaluation, QuizAttempt, QuizVersion } from './outcome.entities.js';
import { OutcomesReportController } from './outcomes-report.controller.js';
import { OutcomesReportService } from './outcomes-report.service.js';
import { QuizController } from './quiz.controller.js';
import { QuizService } from './quiz.service.js';
import { OutcomesPersonalDataService } from './outcomes-personal-data.service.js';

/** Learning outcomes: pillar question sets, pre/post tests, evaluations and the outcomes report. */
@Module({
  imports: [
    TypeOrmModule.forFeature([QuizVersion, QuizAttempt, Evaluation]),
    RegistrationsModule,
    ParticipantsModule,
    EventsModule,
    AttendanceModule,
  ],
  controllers: [QuizController, OutcomesReportController],
  providers: [QuizService, OutcomesReportService, OutcomesPersonalDataService],
  exports: [OutcomesPersonalDataService],
})
export class OutcomesModule {}
