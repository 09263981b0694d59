import { subscribe } from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Counts the SQL statements a server sends, from inside it: `--import ./dist-bench/bench/sql-trace.js` (the bench
 * adds it to the platform and to the floor). mysql2 publishes every query and execute on its diagnostics channels;
 * this listens, so neither server's code changes. On SIGWINCH (ignored by default, and not among the signals Nest's
 * shutdown hooks end the process on, as SIGUSR2 is) it writes what it counted so far to BENCH_SQL_FILE
 * (whole, by rename): the statements by kind, and per statement text (values replaced by ?) how often it ran and
 * how long it took from send to answer (the round trip as the server's event loop saw it).
 *
 * MariaDB's own Com_* counters are global and the machine's MariaDB is shared, so they would count other
 * people's statements too; this counts exactly the measured server's.
 */

interface Context {
  query?: string;
  sql?: string;
}
/** When each statement in flight was sent, by its tracing context (one object from start to answer). */
const started = new WeakMap<object, bigint>();

interface Statement {
  count: number;
  totalMs: number;
  example?: string;
}
/**
 * BENCH_SQL_RAW=1 keeps the last statement sent of each text with its values, so bench/plans.ts can ANALYZE
 * it. Only for synthetic bench data: with values, a statement may carry whatever the request carried.
 */
const RAW = process.env.BENCH_SQL_RAW === '1';

const file = resolve(process.env.BENCH_SQL_FILE ?? `bench/results/sql-${process.pid}.json`);
const byKind: Record<string, number> = {};
const byText = new Map<string, Statement>();
let total = 0;
let seq = 0;

/** The statement with its values taken out: literals become ?, IN lists one (?...), whitespace one space. */
export function normalise(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\(\s*\?(?:\s*,\s*\?)+\s*\)/g, '(?...)')
    .replace(/\s+/g, ' ')
    .trim();
}

function kindOf(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'OTHER';
  return word === 'START' || word === 'BEGIN' ? 'BEGIN' : word;
}

function onStart(message: unknown): void {
  const ctx = message as Context;
  const sql = ctx.query ?? ctx.sql ?? '';
  total++;
  const kind = kindOf(sql);
  byKind[kind] = (byKind[kind] ?? 0) + 1;
  started.set(ctx, process.hrtime.bigint());
}

function onEnd(message: unknown): void {
  const ctx = message as Context;
  const at = started.get(ctx);
  if (at === undefined) return;
  started.delete(ctx);
  const raw = ctx.query ?? ctx.sql ?? '';
  const text = normalise(raw);
  const s = byText.get(text) ?? { count: 0, totalMs: 0 };
  s.count++;
  if (RAW) s.example = raw;
  s.totalMs += Number(process.hrtime.bigint() - at) / 1e6;
  byText.set(text, s);
}

for (const channel of ['mysql2:query', 'mysql2:execute']) {
  subscribe(`tracing:${channel}:start`, onStart);
  // asyncStart: the answer is in, its callback about to run (an error answer passes here too).
  subscribe(`tracing:${channel}:asyncStart`, onEnd);
}

export interface SqlSnapshot {
  seq: number;
  pid: number;
  total: number;
  byKind: Record<string, number>;
  statements: { sql: string; count: number; totalMs: number; example?: string }[];
}

process.on('SIGWINCH', () => {
  const snapshot: SqlSnapshot = {
    seq: ++seq,
    pid: process.pid,
    total,
    byKind: { ...byKind },
    statements: [...byText].map(([sql, s]) => ({
      sql,
      count: s.count,
      totalMs: Number(s.totalMs.toFixed(2)),
      ...(s.example ? { example: s.example } : {}),
    })),
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
  renameSync(`${file}.tmp`, file);
});
