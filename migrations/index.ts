import { Foundation1764300000000 } from './1764300000000-Foundation.js';
import { IdempotencyKeys1764300100000 } from './1764300100000-IdempotencyKeys.js';
import { MediaCenter1764300500000 } from './1764300500000-MediaCenter.js';
import { Trainings1764300600000 } from './1764300600000-Trainings.js';
import { Attendance1764300700000 } from './1764300700000-Attendance.js';
import { ReportIndexes1764300800000 } from './1764300800000-ReportIndexes.js';
import { LoginFailureLocks1764400100000 } from './1764400100000-LoginFailureLocks.js';
import { ParticipantPrivacy1764400200000 } from './1764400200000-ParticipantPrivacy.js';
import { Retention1764400300000 } from './1764400300000-Retention.js';
import { Notifications1764400400000 } from './1764400400000-Notifications.js';
import { Outcomes1764400500000 } from './1764400500000-Outcomes.js';
import { PartnerCalendarFeed1764400600000 } from './1764400600000-PartnerCalendarFeed.js';
import { EventListIndexes1764400700000 } from './1764400700000-EventListIndexes.js';

/** Every migration, oldest first. New modules append theirs here, one a line. */
export const migrations = [
  Foundation1764300000000,
  IdempotencyKeys1764300100000,
  MediaCenter1764300500000,
  Trainings1764300600000,
  Attendance1764300700000,
  ReportIndexes1764300800000,
  LoginFailureLocks1764400100000,
  ParticipantPrivacy1764400200000,
  Retention1764400300000,
  Notifications1764400400000,
  Outcomes1764400500000,
  PartnerCalendarFeed1764400600000,
  EventListIndexes1764400700000,
];
