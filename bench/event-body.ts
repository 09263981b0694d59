import type { RowDataPacket } from 'mysql2/promise';

/** As src/events/event-rules.ts: a published event that has ended counts as completed. */
export function effectiveStatus(status: string, endsAt: Date): string {
  return status === 'published' && endsAt.getTime() <= Date.now() ? 'completed' : status;
}

/**
 * The event as the platform's toResponse() answers it to the public (no meeting link for anonymous readers),
 * from a raw `events` row: the answer body both raw servers (baseline-server.ts, floor-server.ts) send.
 */
export function eventBody(e: RowDataPacket, partners: { id: string; name: string }[]) {
  const status = effectiveStatus(e.status, e.ends_at);
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    pillar: e.pillar,
    format: e.format,
    venue: e.venue,
    kecamatanCode: e.kecamatan_code,
    onlineUrl: null,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    capacity: e.capacity,
    waitlistEnabled: Boolean(e.waitlist_enabled),
    registrationOpensAt: e.registration_opens_at,
    registrationClosesAt: e.registration_closes_at ?? e.starts_at,
    targetGroups: e.target_groups ? String(e.target_groups).split(',') : [],
    status,
    cancelReason: e.cancel_reason,
    confirmedCount: e.confirmed_count,
    waitlistedCount: e.waitlisted_count,
    seatsLeft: status === 'draft' || status === 'published' ? Math.max(0, e.capacity - e.confirmed_count) : 0,
    partners,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
  };
}

/** The public list's page and limit as the platform reads them (page from 1, limit 1-100, nothing else), or why not. */
export function listPaging(url: URL): { page: number; limit: number } | { invalid: string } {
  for (const key of url.searchParams.keys())
    if (key !== 'page' && key !== 'limit') return { invalid: `${key}: unknown field` };
  const read = (field: string, fallback: number, max: number): number | string => {
    const value = url.searchParams.get(field);
    if (value === null) return fallback;
    const n = Number(value);
    return /^\d+$/.test(value) && n >= 1 && n <= max ? n : `${field} is invalid`;
  };
  const page = read('page', 1, Number.MAX_SAFE_INTEGER);
  if (typeof page === 'string') return { invalid: page };
  const limit = read('limit', 20, 100);
  if (typeof limit === 'string') return { invalid: limit };
  return { page, limit };
}
