export const PILLARS = ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'] as const;
export type Pillar = (typeof PILLARS)[number];
export const FORMATS = ['offline', 'online', 'hybrid'] as const;
export type EventFormat = (typeof FORMATS)[number];
export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Published events whose end has passed show as completed without a job having to flip them. */
export function effectiveStatus(status: EventStatus, endsAt: Date, now: Date = new Date()): EventStatus {
  return status === 'published' && endsAt.getTime() <= now.getTime() ? 'completed' : status;
}

export type RegistrationWindowProblem = 'not_open' | 'closed' | null;

export function windowProblem(
  opensAt: Date | null,
  closesAt: Date | null,
  startsAt: Date,
  now: Date = new Date(),
): RegistrationWindowProblem {
  if (opensAt && now.getTime() < opensAt.getTime()) return 'not_open';
  if (now.getTime() >= (closesAt ?? startsAt).getTime()) return 'closed';
  return null;
}
