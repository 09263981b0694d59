import { api } from '../../api/client';
import type { ParticipantExport } from '../../api/types';

export type OwnRegistration = ParticipantExport['registrations'][number];

/**
 * The person's registration for a training, from their own export (which also carries attendance, tests
 * and ratings): the active one if there is one, else the latest. Null when they never registered.
 */
export async function ownRegistration(
  eventId: string,
): Promise<{ registration: OwnRegistration; export: ParticipantExport } | null> {
  const data = await api<ParticipantExport>('GET', '/me/participant/export');
  const mine = data.registrations.filter((r) => r.eventId === eventId);
  const registration = mine.find((r) => r.status !== 'cancelled') ?? mine[mine.length - 1];
  return registration ? { registration, export: data } : null;
}
