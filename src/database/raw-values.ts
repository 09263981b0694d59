/**
 * Raw query results differ by driver: mysql2 gives Dates and DECIMAL strings for SUM, better-sqlite3
 * gives 'YYYY-MM-DD HH:MM:SS.SSS' UTC text and plain numbers. These read both the same way.
 */
export function rawInstant(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export function rawInt(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return Number(v);
}

/**
 * A Date as a value of a written-out statement: mysql2 sends a Date itself (as UTC, the pool's timezone 'Z');
 * better-sqlite3 binds no Dates, and TypeORM stores instants there as 'YYYY-MM-DD HH:MM:SS.SSS' UTC text.
 */
export function instantParam(driverType: string, d: Date): Date | string {
  return driverType === 'better-sqlite3' ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
}
