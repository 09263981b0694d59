import { foldCase } from '../common/fold-case.js';
import type { ListEventsQuery } from './dto/event.dto.js';

/** The WHERE clause (over alias `e` of events) of one list request, with its values in order. */
export interface EventListFilter {
  where: string;
  params: unknown[];
}

const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/**
 * Which events a list request sees. The public sees published and completed events (a published one whose end
 * has passed counts as completed); staff and admin may also ask for drafts and cancelled ones. Written out
 * rather than built by a query builder: the list is the busiest public route, and the clause has few shapes.
 */
export function eventListFilter(
  query: Pick<ListEventsQuery, 'status' | 'pillar' | 'kecamatanCode' | 'from' | 'to' | 'q'>,
  staff: boolean,
  now: Date,
  instant: (d: Date) => unknown,
  partnerId?: string,
): EventListFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const status = query.status;
  if (status === 'published') {
    clauses.push("e.status = 'published' AND e.ends_at > ?");
    params.push(instant(now));
  } else if (status === 'completed') {
    clauses.push("(e.status = 'completed' OR (e.status = 'published' AND e.ends_at <= ?))");
    params.push(instant(now));
  } else if (status === 'all' && staff) {
    // every status
  } else if (status && status !== 'all' && staff) {
    clauses.push('e.status = ?');
    params.push(status);
  } else if (status === 'draft' || status === 'cancelled') {
    clauses.push('1 = 0');
  } else {
    clauses.push("e.status IN ('published', 'completed')");
  }
  if (query.pillar) {
    clauses.push('e.pillar = ?');
    params.push(query.pillar);
  }
  if (query.kecamatanCode) {
    clauses.push('e.kecamatan_code = ?');
    params.push(query.kecamatanCode);
  }
  if (query.from) {
    clauses.push('e.starts_at >= ?');
    params.push(instant(new Date(query.from)));
  }
  if (query.to) {
    clauses.push('e.starts_at <= ?');
    params.push(instant(new Date(query.to)));
  }
  const q = query.q?.trim();
  if (q) {
    clauses.push("e.title_search LIKE ? ESCAPE '!'");
    params.push(`%${escapeLike(foldCase(q))}%`);
  }
  if (partnerId) {
    clauses.push('e.id IN (SELECT ep.event_id FROM event_partners ep WHERE ep.partner_id = ?)');
    params.push(partnerId);
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}
