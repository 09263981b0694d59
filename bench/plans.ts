import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';

/** One table of a plan: how it was read, by which index, rows estimated and rows actually read. */
export interface PlanTable {
  table: string;
  access: string;
  key: string | null;
  rows: number | null;
  rRows: number | null;
  filtered: number | null;
}

/** A statement (values as ?) and what MariaDB's ANALYZE FORMAT=JSON saw when it ran it again. */
export interface StatementPlan {
  sql: string;
  totalMs: number | null;
  tables: PlanTable[];
  filesort: boolean;
  temporary: boolean;
}

/** The tables of a MariaDB ANALYZE FORMAT=JSON plan, wherever they nest. */
function planTables(node: unknown, found: PlanTable[] = []): PlanTable[] {
  if (Array.isArray(node)) node.forEach((n) => planTables(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.table_name === 'string' && typeof o.access_type === 'string') {
      found.push({
        table: o.table_name,
        access: o.access_type,
        key: typeof o.key === 'string' ? o.key : null,
        rows: typeof o.rows === 'number' ? o.rows : null,
        rRows: typeof o.r_rows === 'number' ? o.r_rows : null,
        filtered: typeof o.filtered === 'number' ? o.filtered : null,
      });
    }
    for (const v of Object.values(o)) planTables(v, found);
  }
  return found;
}

/**
 * Runs each SELECT once more under ANALYZE FORMAT=JSON, with the values it was last sent with (bench/sql-trace.ts
 * keeps them with BENCH_SQL_RAW=1; only on the bench's synthetic data), and returns its plan. Statements without
 * an example and other kinds (transaction control, writes) are passed over.
 */
export async function analyzeSelects(
  db: Pool | Connection,
  statements: { sql: string; example?: string }[],
): Promise<StatementPlan[]> {
  const result: StatementPlan[] = [];
  for (const s of statements) {
    if (!s.example || !/^\s*SELECT/i.test(s.sql)) continue;
    const [[row]] = await db.query<RowDataPacket[]>(`ANALYZE FORMAT=JSON ${s.example}`);
    const text = String(Object.values(row)[0]);
    const plan = JSON.parse(text) as { query_block?: { r_total_time_ms?: number } };
    result.push({
      sql: s.sql,
      totalMs: plan.query_block?.r_total_time_ms ?? null,
      tables: planTables(plan),
      filesort: text.includes('"filesort"'),
      temporary: text.includes('"temporary_table"'),
    });
  }
  return result;
}

/** A plan on one line: each table as access(key) rows estimated/read, then filesort and temporary if used. */
export function planLine(p: StatementPlan): string {
  const tables = p.tables
    .map((x) => `${x.table}:${x.access}${x.key ? `(${x.key})` : ''} rows ${x.rows ?? '?'}/${x.rRows ?? '?'}`)
    .join(', ');
  return `${tables}${p.filesort ? ' filesort' : ''}${p.temporary ? ' temporary' : ''}`;
}
