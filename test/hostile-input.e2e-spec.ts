import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { localDate } from './support/booking-factory.js';
import {
  authOf,
  createPersonas,
  documentedOperations,
  Fixtures,
  type Operation,
  type Personas,
  ROLE_COLUMNS,
  type RoleColumn,
} from './support/security-fixtures.js';
import { API, createTestApp, type TestApp, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';
import { eventBody, participantBody } from './support/training-factory.js';
import { type AppConfig, APP_CONFIG } from '../src/config/app-config.js';
import { unsubscribeToken } from '../src/notifications/unsubscribe-token.js';

/**
 * Property: whatever a caller of any role sends to any route that takes input (path ids, query strings,
 * JSON bodies), the answer is never a 5xx; every 4xx is RFC 9457 problem+json with type, title, status and
 * detail; and a refused request (4xx) leaves every table exactly as it was.
 *
 * Requests are generated from the served OpenAPI document: each operation's path parameters, query
 * parameters and body schema. Each field is either left valid (so the rest of the request reaches the
 * service and the database), replaced by a hostile value of a kind its schema type invites, or dropped;
 * unknown and prototype-polluting fields are added; sometimes the whole body is something else (an array,
 * a scalar, deep nesting, broken JSON, 1 MB and more). Strings that pass validation but grow when case-
 * folded or escaped (İ, control characters, lone surrogates) are sent at the lengths the DTOs allow.
 *
 * Tables compared before and after a refused request: every table of the schema, by a digest of all
 * rows, except `login_failures` (a refused login is recorded there by design: it is the lockout counter),
 * `attendance_code_guesses` (likewise every self check-in attempt: the guessing limit's counter) and `migrations`. Runs
 * per operation: HOSTILE_RUNS (default 10, sized for about a minute on MariaDB here; raise it for a deeper search);
 * HOSTILE_SEED with the reported seed reproduces a failure.
 */

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10);
const SEED = process.env.HOSTILE_SEED === undefined ? undefined : Number(process.env.HOSTILE_SEED);
/** HOSTILE_STATS=1 prints, per operation, how many answers had each status: how deep the generated requests got. */
const STATS = process.env.HOSTILE_STATS === '1';
const BOOKKEEPING_WRITTEN_ON_REFUSAL = new Set(['login_failures', 'migrations', 'attendance_code_guesses']);

// ---- hostile values -------------------------------------------------------------------------------

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '-0',
  '1e309',
  '0x1F',
  '1_000',
  '9007199254740993',
  '-9223372036854775809',
  '18446744073709551616',
  '2147483648',
  '1.5',
  ' 42 ',
  'true',
  '[]',
  '{}',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "\\'",
  '%',
  '_',
  '!',
  '*',
  '%_%',
  "1' AND SLEEP(5)#",
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '=cmd|/C calc!A0',
  '@SUM(1+1)',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '../../etc/passwd',
  '..\\..\\win.ini',
  '\r\nSet-Cookie: x=1',
  '\t\n\v\f\r',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '👩‍👩‍👧‍👦',
  '🇮🇩',
  'ﷺ',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\ud800',
  '\udfff',
  'İ',
  'ß',
  'ǅ',
  'ﬃ',
  'ا\u200fب',
  'مرحبا',
  '日本語',
  '\u0007\u001b[31m',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0001-01-01',
  '9999-12-31',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59-12:00',
  '0001-01-01T00:00:00+14:00',
  '2026-12-01T09:00:00+99:99',
  '2026-12-01T25:61:61Z',
  '2026-12-01 09:00',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2199-12-31T23:59:59.999-23:59',
  '2000-01-01T00:00:00+23:59',
  '2026-W49-2',
  '20261201T090000Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '3fa85f6457174562b3fc2c963f66afa6',
  '{3fa85f64-5717-4562-b3fc-2c963f66afa6}',
  'urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6',
  '33.03.01',
  '33.03.99',
  '3303014101900001',
  '3303015101900001',
  '+6281234567890',
  '08',
  '0'.repeat(30),
  'a@b',
  'a@b.c',
  '"a"@b.co',
  'İ@x.id',
  'x@İ.id',
  'http://localhost:3000/',
  'ftp://x',
  'https://x/' + 'a'.repeat(490),
];
/** Characters that grow when lower-cased, escaped in JSON or stored as UTF-8: fills at the DTOs' length limits. */
const FILL_CHARS = ['İ', 'İ', '"', '\\', '👩', '€', 'ß', ' ', '%', "'", '\n', '\u0001', '\ud800'];
const FILL_LENGTHS = [
  1, 2, 3, 8, 10, 16, 20, 24, 30, 36, 40, 60, 64, 100, 150, 200, 254, 255, 300, 500, 1000, 5000, 10000, 10001,
];

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const fill = (max: number) =>
  fc
    .tuple(
      fc.constantFrom(...FILL_CHARS),
      fc.constantFrom(...FILL_LENGTHS.filter((n) => n <= max)),
      fc.string({ maxLength: 3 }),
    )
    .map(([c, n, s]) => (s + c.repeat(n)).slice(0, Math.max(n, 1)));
const hostileString = (max = 10001) =>
  fc.oneof(
    { weight: 4, arbitrary: nastyString },
    { weight: 3, arbitrary: fill(max) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
const hostileNumber = fc.oneof(
  fc.constantFrom(
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    2 ** 63,
    2 ** 64,
    1e21,
    1e308,
    -1e308,
    -0,
    0,
    0.5,
    -1,
    5e-324,
    1e-7,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const deep = (depth: number, leaf: unknown, asArray = false): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
/** Keys a careless merge would turn into prototype pollution; JSON.parse makes them own properties. */
const POLLUTING = [
  JSON.parse('{"__proto__":{"polluted":"yes","isActive":false,"role":"admin"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":null}'),
  JSON.parse('{"prototype":{"polluted":"yes"}}'),
];
const jsonLeaf = fc.oneof(hostileString(), hostileNumber, fc.boolean(), fc.constant(null));
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(nastyString, fc.string({ maxLength: 8 })), jsonLeaf, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTING) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      deep(30, 1),
      deep(3000, 'x'),
      deep(3000, 1, true),
      Array.from({ length: 5000 }, (_, i) => i),
    ),
  },
);

/** A hostile replacement for one field, of a kind its documented type invites (and sometimes any kind). */
function hostileFor(schema: Record<string, any> | undefined): fc.Arbitrary<unknown> {
  const type = schema?.type;
  const typed =
    type === 'number' || type === 'integer'
      ? fc.oneof(hostileNumber, nastyString)
      : type === 'boolean'
        ? fc.constantFrom('true', 'false', 1, 0, 'yes', null, [], {})
        : type === 'array'
          ? fc.oneof(
              fc.array(schema?.items ? hostileFor(schema.items) : jsonLeaf, { maxLength: 4 }),
              fc.constantFrom(
                [],
                [null],
                Array.from({ length: 3000 }, () => 'x'),
                { 0: 'a', length: 1 },
              ),
              fc.array(fc.dictionary(fc.constantFrom('weekday', 'opens', 'closes', '__proto__'), jsonLeaf), {
                maxLength: 3,
              }),
            )
          : hostileString();
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: hostileJson });
}

// ---- requests ---------------------------------------------------------------------------------------

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

interface Hostile {
  role: RoleColumn;
  path: string;
  query: string;
  body: Body;
  idempotencyKey?: string;
}

const RAW_BODIES: Body[] = [
  { kind: 'raw', contentType: 'application/json', text: '{"a":' },
  { kind: 'raw', contentType: 'application/json', text: '{"a":1,"a":2}' },
  { kind: 'raw', contentType: 'application/json', text: 'null' },
  { kind: 'raw', contentType: 'application/json', text: '"text"' },
  { kind: 'raw', contentType: 'application/json', text: '12345678901234567890' },
  { kind: 'raw', contentType: 'application/json', text: '{"x":1e999}' },
  { kind: 'raw', contentType: 'application/json', text: '\uFEFF{}' },
  { kind: 'raw', contentType: 'application/json', text: `{"x":"${'a'.repeat(1_100_000)}"}` },
  { kind: 'raw', contentType: 'application/json', text: `{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
  { kind: 'raw', contentType: 'application/json; charset=utf-16', text: '{}' },
  { kind: 'raw', contentType: 'application/merge-patch+json', text: '{"__proto__":{"polluted":"yes"}}' },
  { kind: 'raw', contentType: 'text/plain', text: 'name=x' },
  { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: 'name=x&type=ngo&__proto__[polluted]=yes' },
  {
    kind: 'raw',
    contentType: 'application/xml',
    text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  },
];

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD on the way, as any client would send them). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** Path parameter values: the real id the route expects, another well-formed id, or something else. */
const pathValue = (valid: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u) },
    { weight: 1, arbitrary: fc.constant(valid.toUpperCase()) },
    { weight: 4, arbitrary: hostileString(1000).map((s) => pct(s) || '%20') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%E0%A4%A', '%00', '%2e%2e', '%2F', '%', '%25', 'a%2Fb', '%C0%AE', '%FF%FE'),
    },
  );

const queryValue = (schema: Record<string, any> | undefined, valid: string | undefined) =>
  fc.oneof(
    { weight: valid === undefined ? 0 : 3, arbitrary: fc.constant(pct(valid ?? '')) },
    {
      weight: 4,
      arbitrary: hostileFor(schema).map((v) =>
        pct(typeof v === 'string' ? v.slice(0, 1000) : (JSON.stringify(v) ?? '').slice(0, 1000)),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%00', '', '%', '+', '%2B', 'a&b', '[object Object]') },
  );

/**
 * The valid query (or, without one, nothing) with up to three parameters made hostile: a value of a kind
 * the parameter's type invites, a repeated parameter, bracket syntax, or the parameter dropped.
 */
function queryOf(op: Operation, validQuery: Record<string, string>): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const base = validQueryParts(op, validQuery);
  if (params.length === 0) return fc.constantFrom('', '__proto__[polluted]=yes', 'unknown=1');
  const mutation = fc.oneof(
    ...params.map((p) => {
      const value = queryValue(p.schema, validQuery[p.name] ?? exampleOf(p.schema));
      return fc.oneof(
        { weight: 4, arbitrary: value.map((v) => [p.name, [`${p.name}=${v}`]] as const) },
        {
          weight: 1,
          arbitrary: fc.tuple(value, value).map(([a, b]) => [p.name, [`${p.name}=${a}`, `${p.name}=${b}`]] as const),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom([`${p.name}[]=1`], [`${p.name}[a]=1`], [`${p.name}`], [`${p.name}=`])
            .map((v) => [p.name, v] as const),
        },
        { weight: 1, arbitrary: fc.constant([p.name, []] as const) },
      );
    }),
  );
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ['__proto__[polluted]=yes'],
        ['constructor[prototype][polluted]=yes'],
        ['unknown=1'],
        ['a'.repeat(3000) + '=1'],
      ),
    },
  );
  return fc.tuple(fc.array(mutation, { maxLength: 3 }), extra).map(([ms, ex]) => {
    const parts: Record<string, readonly string[]> = { ...base };
    for (const [name, value] of ms) parts[name] = value;
    return [...Object.values(parts).flat(), ...ex].join('&');
  });
}

function validQueryParts(op: Operation, validQuery: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    op.parameters
      .filter((p) => p.in === 'query')
      .flatMap((p) => {
        const v = validQuery[p.name] ?? (p.required ? exampleOf(p.schema) : undefined);
        return v === undefined ? [] : [[p.name, [`${p.name}=${pct(v)}`]]];
      }),
  );
}

function exampleOf(schema: Record<string, any> | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.example !== undefined) return String(schema.example);
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.default !== undefined) return String(schema.default);
  return undefined;
}

function bodyOf(op: Operation, valid: () => Record<string, unknown>): fc.Arbitrary<Body> {
  if (!op.body) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant<Body>({ kind: 'none' }) },
      { weight: 1, arbitrary: hostileJson.map((value): Body => ({ kind: 'json', value })) },
    );
  }
  // The valid body with up to three fields made hostile or dropped, so the rest still reaches the service.
  const props = Object.entries((op.body.properties ?? {}) as Record<string, Record<string, any>>);
  type Mutation = { field: string; value?: unknown; drop?: true };
  const mutation: fc.Arbitrary<Mutation> = props.length
    ? fc.oneof(
        ...props.map(([field, schema]) =>
          fc.oneof(
            { weight: 4, arbitrary: hostileFor(schema).map((value): Mutation => ({ field, value })) },
            { weight: 1, arbitrary: fc.constant<Mutation>({ field, drop: true }) },
          ),
        ),
      )
    : fc.constant<Mutation>({ field: 'unknown', value: 1 });
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Record<string, unknown>[]>([]) },
    { weight: 2, arbitrary: fc.constantFrom(...POLLUTING).map((p) => [p]) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.oneof(nastyString, fc.string({ maxLength: 10 })), jsonLeaf, { minKeys: 1, maxKeys: 3 })
        .map((d) => [d]),
    },
  );
  const shaped = fc.tuple(fc.array(mutation, { maxLength: 3 }), extras).map(([ms, ex]): Body => {
    const out: Record<string, unknown> = { ...valid() };
    for (const m of ms) {
      if (m.drop) delete out[m.field];
      else out[m.field] = m.value;
    }
    // Own properties, even "__proto__": assigned through defineProperty, as JSON.parse would make them.
    for (const e of ex)
      for (const k of Object.keys(e))
        Object.defineProperty(out, k, { value: e[k], enumerable: true, writable: true, configurable: true });
    return { kind: 'json', value: out };
  });
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 2, arbitrary: hostileJson.map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'json', value: [{}] }) },
  );
}

// ---- the suite ---------------------------------------------------------------------------------------

interface Target {
  params: Record<string, string>;
  query?: Record<string, string>;
  body?: () => Record<string, unknown>;
}

describe('Hostile input: no 5xx, problem+json, refusals change nothing (property-based, e2e)', () => {
  let t: TestApp;
  let p: Personas;
  let fx: Fixtures;
  let operations: Operation[];
  let tables: string[];
  let targets: (op: Operation) => Promise<Target>;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let current: Map<string, string> | undefined;
  let runs = 0;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createPersonas(t);
    fx = new Fixtures(t, p);
    operations = (await documentedOperations(t)).operations;
    tables = await tableNames(t);

    // Real rows for every route; the valid half of a generated request points at these.
    const published = await fx.registration();
    const running = await fx.runningRegistration();
    const attended = await fx.certificate();
    const participantId = await fx.newParticipant();
    const userId = await fx.user();
    const closure = await fx.closure();
    const studioId = closure.studioId;
    const pending = await fx.pendingBooking();
    const slot = fx.slot(12);
    const online = await fx.onlineSession();
    await fx.quizSet();
    const bodies: Record<string, () => Record<string, unknown>> = {
      'POST /auth/register': () => ({ email: uniqueEmail('fuzz'), password: TEST_PASSWORD, fullName: 'Warga Uji' }),
      'POST /auth/login': () => ({ email: p.staff.email, password: TEST_PASSWORD }),
      'POST /auth/refresh': () => ({ refreshToken: 'token-yang-tidak-ada-sama-sekali' }),
      'POST /auth/logout': () => ({ refreshToken: 'token-yang-tidak-ada-sama-sekali' }),
      'POST /users': () => ({
        email: uniqueEmail('fuzz'),
        password: TEST_PASSWORD,
        fullName: 'Staf Uji',
        role: 'partner',
        partnerId: p.partner.partnerId,
      }),
      'PATCH /users/{id}': () => ({ fullName: 'Nama Uji', role: 'staff', isActive: true }),
      'POST /partners': () => ({
        name: `Mitra ${randomUUID()}`,
        type: 'ngo',
        description: 'Deskripsi',
        contactName: 'Nama',
        contactEmail: 'a@contoh.id',
        contactPhone: '081234567890',
        website: 'https://contoh.id',
      }),
      'PATCH /partners/{id}': () => ({
        name: `Mitra ${randomUUID()}`,
        type: 'ngo',
        description: 'Deskripsi',
        contactName: 'Nama',
        contactEmail: 'a@contoh.id',
        contactPhone: '081234567890',
        website: 'https://contoh.id',
        isActive: true,
      }),
      'PUT /me/participant': () => participantBody(),
      'POST /participants': () => participantBody(),
      'PATCH /participants/{id}': () => participantBody(),
      'POST /events': () => ({
        ...eventBody(),
        waitlistEnabled: true,
        registrationOpensAt: null,
        registrationClosesAt: null,
        partnerIds: [p.partner.partnerId],
        onlineUrl: 'https://zoom.example/x',
      }),
      'PATCH /events/{id}': () => ({ ...eventBody(), partnerIds: [p.partner.partnerId] }),
      'POST /events/{id}/cancel': () => ({ reason: 'Narasumber berhalangan' }),
      'POST /events/{id}/registrations': () => ({ participantId }),
      'POST /events/{id}/check-ins': () => ({
        registrationId: running.registrationId,
        checkedInAt: new Date().toISOString(),
      }),
      'POST /events/{id}/attendance-codes': () => ({ validMinutes: 30 }),
      'POST /events/{id}/self-check-in': () => ({ code: online.code }),
      'PUT /pillars/{pillar}/quiz': () => ({
        questions: Array.from({ length: 5 }, (_, i) => ({
          text: `Soal ${i + 1}`,
          options: ['Ya', 'Tidak', 'Ragu'],
          correctIndex: i % 3,
        })),
      }),
      'POST /registrations/{id}/quiz': () => ({ answers: [0, 1, 0, 1, 0], version: 1 }),
      'POST /registrations/{id}/evaluation': () => ({ rating: 4, comment: 'Materinya jelas' }),
      'POST /studios': () => ({
        name: `Studio ${randomUUID().slice(0, 8)}`,
        openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }],
        location: 'Lantai 1',
        description: 'x',
        capacity: 5,
        slotMinutes: 30,
        bufferMinutes: 15,
        minNoticeHours: 24,
        maxDurationMinutes: 180,
        maxAdvanceDays: 60,
        maxActiveBookingsPerPartner: 4,
      }),
      'PATCH /studios/{id}': () => ({ name: 'Studio Uji', location: 'Lantai 2' }),
      'POST /studios/{id}/closures': () => ({
        startsAt: `${localDate(30)}T00:00:00+07:00`,
        endsAt: `${localDate(31)}T00:00:00+07:00`,
        reason: 'Perawatan',
      }),
      'POST /bookings': () => ({
        studioId,
        ...slot,
        topic: 'Podcast Uji',
        description: 'x',
        guestCount: 2,
        partnerId: p.partner.partnerId,
      }),
      'PATCH /bookings/{id}': () => ({ topic: 'Topik Uji', ...fx.slot(14), description: 'x', guestCount: 1 }),
      'POST /bookings/{id}/reject': () => ({ reason: 'Tidak bisa' }),
      'POST /bookings/{id}/cancel': () => ({ reason: 'Tidak jadi' }),
      'POST /bookings/{id}/complete': () => ({ reason: 'Selesai' }),
      'POST /bookings/{id}/no-show': () => ({ reason: 'Tidak datang' }),
      'PUT /me/notification-preferences': () => ({ email: true, whatsapp: false }),
      'POST /events/{id}/messages': () => ({
        audience: 'registered',
        subject: 'Info pelatihan',
        body: 'Mohon datang tepat waktu.',
      }),
    };
    const queries: Record<string, Record<string, string>> = {
      'GET /audit-logs': {
        actorId: p.admin.id,
        entityType: 'partner',
        from: '2026-01-01T00:00:00+07:00',
        to: '2199-01-01T00:00:00Z',
      },
      'GET /events': {
        from: '2026-01-01T00:00:00+07:00',
        to: '2199-01-01T00:00:00Z',
        q: 'literasi',
        kecamatanCode: '33.03.11',
      },
      'GET /bookings': { studioId, from: localDate(0), to: localDate(10) },
      'GET /studios/{id}/availability': { date: localDate(3), duration: '60' },
      'GET /reports/participation': { from: '2026-01-01', to: localDate(0), groupBy: 'pillar' },
      'GET /reports/outcomes': { from: '2026-01-01', to: localDate(0), groupBy: 'pillar' },
      'GET /open-data/participation': { year: localDate(0).slice(0, 4), groupBy: 'kecamatan' },
      'GET /registrations/{id}/quiz': { phase: 'pre' },
      'POST /registrations/{id}/quiz': { phase: 'pre' },
      'GET /participants': { q: 'siti', kecamatanCode: '33.03.11' },
      'GET /events/{id}/check-in-list': { since: '2026-01-01T00:00:00+07:00' },
      'GET /notifications/failed': { channel: 'email' },
      'GET /notifications/unsubscribe': {
        token: unsubscribeToken(`u:${p.participant.id}`, t.app.get<AppConfig>(APP_CONFIG).jwtSecret),
      },
      'POST /notifications/unsubscribe': {
        token: unsubscribeToken(`u:${p.participant.id}`, t.app.get<AppConfig>(APP_CONFIG).jwtSecret),
      },
    };
    // Routes that use up their row (delete, publish, approve, …) get rows of their own, made when their turn comes.
    const ownRows: Record<string, () => Promise<Record<string, string>>> = {
      'PATCH /events/{id}': async () => ({ id: await fx.draftEvent() }),
      'DELETE /events/{id}': async () => ({ id: await fx.draftEvent() }),
      'POST /events/{id}/publish': async () => ({ id: await fx.draftEvent() }),
      'POST /events/{id}/cancel': async () => ({ id: await fx.publishedEvent() }),
      'POST /registrations/{id}/cancel': async () => ({ id: (await fx.registration()).registrationId }),
      'DELETE /events/{id}/check-ins/{registrationId}': async () => {
        const r = await fx.checkedIn();
        return { id: r.eventId, registrationId: r.registrationId };
      },
      'DELETE /studios/{id}/closures/{closureId}': async () => {
        const c = await fx.closure();
        return { id: c.studioId, closureId: c.closureId };
      },
      'PATCH /bookings/{id}': async () => ({ id: (await fx.pendingBooking()).bookingId }),
      'PUT /pillars/{pillar}/quiz': async () => ({ pillar: 'digital_culture' }),
      'GET /pillars/{pillar}/quiz/versions': async () => ({ pillar: 'digital_culture' }),
      'POST /registrations/{id}/quiz': async () => ({ id: (await fx.registration()).registrationId }),
      'POST /registrations/{id}/evaluation': async () => ({ id: (await fx.checkedIn()).registrationId }),
      'POST /bookings/{id}/approve': async () => ({ id: (await fx.pendingBooking()).bookingId }),
      'POST /bookings/{id}/reject': async () => ({ id: (await fx.pendingBooking()).bookingId }),
      'POST /bookings/{id}/cancel': async () => ({ id: (await fx.pendingBooking()).bookingId }),
      'POST /bookings/{id}/complete': async () => ({ id: (await fx.startedBooking()).bookingId }),
      'POST /bookings/{id}/no-show': async () => ({ id: (await fx.startedBooking()).bookingId }),
    };
    const eventFor: Record<string, string> = {
      'POST /events/{id}/check-ins': running.eventId,
      'GET /events/{id}/attendance': attended.eventId,
      'GET /events/{id}/check-in-list': attended.eventId,
      'POST /events/{id}/attendance-codes': online.eventId,
      'POST /events/{id}/self-check-in': online.eventId,
    };
    targets = async (op) => {
      const [, first] = op.path.split('/');
      const id =
        first === 'users'
          ? userId
          : first === 'partners'
            ? p.partner.partnerId
            : first === 'participants'
              ? participantId
              : first === 'events'
                ? (eventFor[op.key] ?? published.eventId)
                : first === 'registrations'
                  ? op.path.endsWith('certificate.pdf')
                    ? attended.registrationId
                    : published.registrationId
                  : first === 'studios'
                    ? studioId
                    : first === 'bookings'
                      ? pending.bookingId
                      : randomUUID();
      const own = ownRows[op.key] ? await ownRows[op.key]() : {};
      // The feed token is read when its turn comes: the rotate route, fuzzed before it, changes it.
      const query =
        op.key === 'GET /studios/{id}/calendar.ics'
          ? { token: await fx.calendarToken(studioId) }
          : op.key === 'GET /partners/{id}/calendar.ics'
            ? { token: await fx.partnerCalendarToken() }
            : queries[op.key];
      return {
        params: {
          id,
          registrationId: attended.registrationId,
          closureId: closure.closureId,
          number: attended.number,
          ...own,
        },
        query,
        body: bodies[op.key],
      };
    };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const send = (h: Hostile, method: Operation['method']): Promise<Response> => {
    const url = `${API}${h.path}${h.query ? `?${h.query}` : ''}`;
    let req = t.http[method](url).set(authOf(p, h.role));
    if (h.idempotencyKey !== undefined) req = req.set('Idempotency-Key', h.idempotencyKey);
    if (h.body.kind === 'json') {
      req = req.set('Content-Type', 'application/json');
      return req.send(JSON.stringify(h.body.value) ?? 'null');
    }
    if (h.body.kind === 'raw') return req.set('Content-Type', h.body.contentType).send(h.body.text);
    return req;
  };

  /** A digest of every row of every table but the bookkeeping ones, per table. */
  let snapshotMs = 0;
  let snapshots = 0;
  const snapshot = async (): Promise<Map<string, string>> => {
    const started = Date.now();
    try {
      return await snapshotNow();
    } finally {
      snapshotMs += Date.now() - started;
      snapshots++;
    }
  };
  const snapshotNow = async (): Promise<Map<string, string>> => {
    const digests = await Promise.all(
      tables.map(async (table) => {
        const rows = (await t.dataSource.query(
          `SELECT * FROM ${t.db.kind === 'mysql' ? `\`${table}\`` : `"${table}"`}`,
        )) as unknown[];
        const lines = rows.map((r) => JSON.stringify(r)).sort();
        return [table, `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`] as const;
      }),
    );
    return new Map(digests);
  };

  const problemIssue = (res: Response): string | null => {
    if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
      return `content-type ${res.headers['content-type']}`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(res.text);
    } catch {
      return 'body is not JSON';
    }
    if (body.status !== res.status) return `status member ${body.status}`;
    for (const key of ['type', 'title', 'detail'])
      if (typeof body[key] !== 'string' || !(body[key] as string).length) return `no ${key}`;
    return null;
  };

  const describe = (op: Operation, h: Hostile, res: Response) => {
    const sent =
      h.body.kind === 'json'
        ? JSON.stringify(h.body.value)
        : h.body.kind === 'raw'
          ? `${h.body.contentType} ${h.body.text}`
          : '';
    return (
      `${op.method.toUpperCase()} ${h.path}?${h.query.slice(0, 300)} as ${h.role} ` +
      `body ${sent?.slice(0, 300)}: ${res.status} ${res.text?.slice(0, 300)}`
    );
  };

  /** Sends one request and checks the three promises; the snapshot after it is the next request's "before". */
  const sendAndCheck = async (op: Operation, h: Hostile): Promise<Response> => {
    const before = current as Map<string, string>;
    const res = await send(h, op.method);
    const after = await snapshot();
    current = after;
    if (res.status >= 500) throw new Error(`5xx: ${describe(op, h, res)}`);
    if (res.status >= 400) {
      const issue = problemIssue(res);
      if (issue) throw new Error(`not problem+json (${issue}): ${describe(op, h, res)}`);
      const changed = tables.filter((tb) => before.get(tb) !== after.get(tb));
      if (changed.length) throw new Error(`refused but changed ${changed.join(', ')}: ${describe(op, h, res)}`);
    }
    const polluted = Object.getOwnPropertyNames(Object.prototype).sort();
    if (polluted.join() !== prototypeBefore.join() || ({} as Record<string, unknown>).polluted !== undefined) {
      throw new Error(`Object.prototype polluted: ${describe(op, h, res)}`);
    }
    return res;
  };

  const inputOps = () =>
    operations.filter((op) => op.parameters.some((x) => x.in === 'path' || x.in === 'query') || op.body);

  it('has operations that take input', () => {
    expect(inputOps().length).toBeGreaterThan(40);
  });

  // One property per operation; the operations come from the document, read in beforeAll.
  it('holds for every operation that takes input, as every role', async () => {
    current = await snapshot();
    const failures: string[] = [];
    const stats: string[] = [];
    for (const op of inputOps()) {
      const statuses = new Map<number, number>();
      const target = await targets(op);
      current = await snapshot(); // the rows made for this operation are not its doing
      const pathParams = op.path.match(/\{\w+\}/g)?.map((m) => m.slice(1, -1)) ?? [];
      const hostile: fc.Arbitrary<Hostile> = fc.record({
        // Mostly a role the route is for, so requests get past the guard; every role all the same.
        role: fc.oneof(
          { weight: 1, arbitrary: fc.constantFrom(...ROLE_COLUMNS) },
          { weight: 2, arbitrary: fc.constantFrom(...allowedRoles(op)) },
        ),
        path: fc.tuple(...pathParams.map((name) => pathValue(target.params[name])), fc.constant('')).map((values) => {
          let i = 0;
          return op.path.replace(/\{\w+\}/g, () => values[i++] as string);
        }),
        query: queryOf(op, target.query ?? {}),
        body: bodyOf(op, target.body ?? (() => ({}))),
        idempotencyKey: fc.option(
          fc.oneof(
            fc.constantFrom('', 'x', 'a'.repeat(101), 'kunci uji 0001', 'kunci;uji=0001', 'kunci-uji-0001'),
            fc.uuid(),
          ),
          { freq: 4, nil: undefined },
        ),
      });
      // First, the request with nothing hostile in it, as a role the route is for: it must get past validation,
      // or the generated requests, built from it, would only ever test the validation layer.
      const valid: Hostile = {
        role: allowedRoles(op).includes('admin') ? 'admin' : allowedRoles(op)[0],
        path: op.path.replace(/\{(\w+)\}/g, (_m, name: string) => target.params[name]),
        query: Object.values(validQueryParts(op, target.query ?? {}))
          .flat()
          .join('&'),
        body: target.body ? { kind: 'json', value: target.body() } : { kind: 'none' },
      };
      const property = fc.asyncProperty(hostile, async (h) => {
        runs++;
        const res = await sendAndCheck(op, h);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (h === valid && validRefusals(op).includes(res.status))
          throw new Error(`the valid request was refused: ${describe(op, h, res)}`);
      });
      const out = await fc.check(property, {
        numRuns: RUNS,
        examples: [[valid]],
        ...(SEED === undefined ? {} : { seed: SEED }),
        endOnFailure: true,
      });
      stats.push(
        `${op.key.padEnd(52)} ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([k, n]) => `${k}×${n}`)
          .join(' ')}`,
      );
      if (out.failed) {
        failures.push(
          `${op.key} (seed ${out.seed}, path ${out.counterexamplePath}): ` +
            `${(out.errorInstance as Error | undefined)?.message ?? String(out.errorInstance)}`,
        );
      }
    }
    if (STATS)
      console.log(
        `${stats.join('\n')}\n${inputOps().length} properties, ` +
          `${runs} requests; snapshots: ${snapshots} in ${snapshotMs} ms`,
      );
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(inputOps().length * RUNS);
  }, 600_000);

  /**
   * Hand-picked: each text field of each body at its own length limit (read from the 400 a longer value
   * gets), in characters that pass validation but grow on the way to the database: 'İ' lower-cases into
   * two code points (search and uniqueness keys), '"' doubles
   * when JSON-escaped (audit snapshots, stored answers).
   */
  it(
    "holds for text at every body field's length limit, " + 'in characters that grow when folded, escaped or encoded',
    async () => {
      current = await snapshot();
      const failures: string[] = [];
      let probed = 0;
      for (const op of operations.filter((o) => o.body)) {
        const target = await targets(op);
        current = await snapshot(); // the rows made for this operation are not its doing
        const role = allowedRoles(op).includes('admin') ? 'admin' : allowedRoles(op)[0];
        const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => target.params[name]);
        const query = Object.values(validQueryParts(op, target.query ?? {}))
          .flat()
          .join('&');
        const valid = target.body ?? (() => ({}));
        const texts = Object.entries((op.body?.properties ?? {}) as Record<string, Record<string, any>>).filter(
          ([, schema]) => (schema.type === 'string' || schema.type === 'object') && !schema.enum && !schema.format,
        );
        for (const [field] of texts) {
          const request = (value: string): Hostile => ({
            role,
            path,
            query,
            body: { kind: 'json', value: { ...valid(), [field]: value } },
          });
          try {
            const long = await sendAndCheck(op, request('a'.repeat(20_000)));
            const limit = (long.body?.errors ?? [])
              .filter((e: { field: string }) => e.field === field)
              .map((e: { message: string }) => /shorter than or equal to (\d+) characters/.exec(e.message)?.[1])
              .find(Boolean);
            if (!limit) continue;
            probed++;
            for (const ch of ['İ', '"']) await sendAndCheck(op, request(ch.repeat(Number(limit))));
          } catch (err) {
            failures.push(`${op.key} ${field}: ${(err as Error).message}`);
          }
        }
      }
      if (STATS) console.log(`${probed} text fields probed at their length limits`);
      expect(failures).toEqual([]);
      expect(probed).toBeGreaterThan(30);
    },
    300_000,
  );
});

/** The roles an operation's x-roles admit (the anonymous caller for public routes). */
function allowedRoles(op: Operation): RoleColumn[] {
  if (op.xRoles.includes('public')) return ['anonymous'];
  if (op.xRoles.includes('any')) return ['participant', 'partner', 'staff', 'admin'];
  return ROLE_COLUMNS.filter((r) => op.xRoles.includes(r));
}

/**
 * What the valid request must not get. A refresh names no real token (a real one, used twice, would revoke
 * its family on the 401: a write on refusal this suite would have to excuse), so its valid answer is 401.
 */
const validRefusals = (op: Operation) => (op.key === 'POST /auth/refresh' ? [400, 403] : [400, 401, 403]);

async function tableNames(t: TestApp): Promise<string[]> {
  const rows: { name: string }[] =
    t.db.kind === 'mysql'
      ? await t.dataSource.query(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
        )
      : await t.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows
    .map((r) => r.name)
    .filter((name) => !BOOKKEEPING_WRITTEN_ON_REFUSAL.has(name))
    .sort();
}
