type Query = (sql: string, params: unknown[]) => Promise<Record<string, any>[]>;

/**
 * The contract's seat invariant for one event, read from the rows: never more confirmed than the capacity,
 * waitlist positions exactly 1..n, and the event's counters equal to the rows they count.
 */
export async function expectSeatInvariant(
  query: Query,
  eventId: string,
): Promise<{ confirmed: number; waitlisted: number }> {
  const rows = await query('SELECT status, waitlist_position FROM registrations WHERE event_id = ?', [eventId]);
  const [event] = await query('SELECT capacity, confirmed_count, waitlisted_count FROM events WHERE id = ?', [eventId]);
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const positions = rows
    .filter((r) => r.status === 'waitlisted')
    .map((r) => Number(r.waitlist_position))
    .sort((x, y) => x - y);
  expect(confirmed).toBeLessThanOrEqual(Number(event.capacity));
  expect(positions).toEqual(positions.map((_, i) => i + 1));
  expect(Number(event.confirmed_count)).toBe(confirmed);
  expect(Number(event.waitlisted_count)).toBe(positions.length);
  return { confirmed, waitlisted: positions.length };
}
