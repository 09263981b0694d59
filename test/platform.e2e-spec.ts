import type { Response } from 'supertest';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { bootWithPersonas } from './support/personas.js';

const STACK_TRACE = /\bat .+\.(ts|js):\d+|node_modules|Error: /;

const PURBALINGGA = [
  'Kemangkon',
  'Bukateja',
  'Kejobong',
  'Kaligondang',
  'Purbalingga',
  'Kalimanah',
  'Kutasari',
  'Mrebet',
  'Bobotsari',
  'Karangreja',
  'Karanganyar',
  'Karangmoncol',
  'Rembang',
  'Bojongsari',
  'Padamara',
  'Pengadegan',
  'Karangjambu',
  'Kertanegara',
];

describe('platform (e2e)', () => {
  let t: TestApp, staff: SignedIn;
  beforeAll(async () => ({ t, staff } = await bootWithPersonas(['staff'])));
  afterAll(() => t.close());

  const noStackTrace = (res: Response) => expect(res.text).not.toMatch(STACK_TRACE);

  it('GET /regions/kecamatan lists exactly the 18 kecamatan of Purbalingga in code order, publicly', async () => {
    const res = await t.http.get(`${API}/regions/kecamatan`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(PURBALINGGA.map((name, i) => ({ code: `33.03.${String(i + 1).padStart(2, '0')}`, name })));
    expect(res.body[0]).toEqual({ code: '33.03.01', name: 'Kemangkon' });
    expect(res.body[17]).toEqual({ code: '33.03.18', name: 'Kertanegara' });
    const signedIn = await t.http.get(`${API}/regions/kecamatan`).set(staff.auth);
    expect(signedIn.body).toEqual(res.body);
  });

  it('GET /health answers {status: ok, db: up} without a token', async () => {
    const res = await t.http.get(`${API}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('answers an unknown route and an unknown method with 404 problem+json', async () => {
    for (const res of [
      await t.http.get(`${API}/tidak-ada`),
      await t.http.get('/api/tidak-ada'),
      await t.http.get('/tidak-ada.js'),
      await t.http.post('/api/v2/partners').send({}),
      await t.http.get('/api/docs-json/x'),
      await t.http.delete(`${API}/regions/kecamatan`),
      await t.http.get(`${API}/tidak-ada`).set(staff.auth),
    ]) {
      expectProblem(res, 404, 'not_found');
      noStackTrace(res);
    }
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await t.http
      .post(`${API}/auth/login`)
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.id", ');
    expectProblem(res, 400, 'invalid_json');
    expect(res.body.detail).toMatch(/JSON/);
    noStackTrace(res);
    const authed = await t.http
      .post(`${API}/partners`)
      .set(staff.auth)
      .set('Content-Type', 'application/json')
      .send('{nope}');
    expectProblem(authed, 400, 'invalid_json');
    noStackTrace(authed);
  });

  it('answers a body over 1 MB with 413 problem+json', async () => {
    const big = JSON.stringify({ email: 'a@b.id', password: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').send(big);
    expectProblem(res, 413, 'payload_too_large');
    noStackTrace(res);
  });

  it('accepts a body just under 1 MB (then validates it: 400, not 413)', async () => {
    const res = await t.http
      .post(`${API}/auth/register`)
      .send({ email: 'besar@uji.id', password: 'x'.repeat(900 * 1024), fullName: 'Besar' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('sends helmet headers and no x-powered-by', async () => {
    for (const res of [await t.http.get(`${API}/health`), await t.http.get(`${API}/tidak-ada`)]) {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toEqual(expect.any(String));
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('sends no CORS allow-origin when no origins are configured', async () => {
    const res = await t.http.get(`${API}/health`).set('Origin', 'https://jahat.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a valid X-Request-Id, and generates one when absent or malformed', async () => {
    const echoed = await t.http.get(`${API}/health`).set('X-Request-Id', 'uji-permintaan-123');
    expect(echoed.headers['x-request-id']).toBe('uji-permintaan-123');
    const generated = await t.http.get(`${API}/health`);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await t.http.get(`${API}/health`);
    expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);
    const malformed = await t.http.get(`${API}/health`).set('X-Request-Id', 'bad id <script>');
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const onError = await t.http.get(`${API}/tidak-ada`).set('X-Request-Id', 'galat-404');
    expect(onError.headers['x-request-id']).toBe('galat-404');
  });

  it('serves an OpenAPI 3 document in which every non-public operation has bearer security and x-roles', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    const operations: [string, Record<string, any>][] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
          operations.push([`${method.toUpperCase()} ${path}`, op]);
      }
    }
    expect(operations.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [name, op] of operations) {
      const roles = op['x-roles'];
      if (!Array.isArray(roles) || roles.length === 0) {
        problems.push(`${name}: no x-roles`);
        continue;
      }
      const bearer = (op.security ?? []).some((s: Record<string, unknown>) => 'bearer' in s);
      if (roles.includes('public')) {
        if (bearer) problems.push(`${name}: public but requires bearer`);
      } else if (!bearer) {
        problems.push(`${name}: no bearer security`);
      }
    }
    expect(problems).toEqual([]);

    const byName = Object.fromEntries(operations);
    for (const route of [
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/regions/kecamatan',
      'GET /api/v1/health',
      'GET /api/v1/partners',
      'GET /api/v1/partners/{id}',
    ]) {
      expect(byName[route]?.['x-roles']).toEqual(['public']);
    }
    expect(byName['POST /api/v1/users']['x-roles']).toEqual(['admin']);
    expect(byName['GET /api/v1/audit-logs']['x-roles']).toEqual(['admin']);
    expect(byName['PATCH /api/v1/partners/{id}']['x-roles']).toEqual(['admin', 'partner']);
    expect(byName['GET /api/v1/auth/me']['x-roles']).toEqual(['any']);
  });

  it('types every schema property in the OpenAPI document (a nullable string or number read as object)', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries<{ properties?: Record<string, Record<string, unknown>> }>(
      doc.components.schemas,
    )) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        const described =
          p.type !== undefined ||
          p.$ref !== undefined ||
          p.allOf !== undefined ||
          p.oneOf !== undefined ||
          p.enum !== undefined;
        if (!described || (p.type === 'object' && !p.properties && !p.additionalProperties && !p.allOf))
          untyped.push(`${name}.${prop}`);
      }
    }
    expect(untyped).toEqual([]);
    expect(doc.components.schemas.CreateEventDto.properties.venue).toMatchObject({ type: 'string', nullable: true });
    expect(doc.components.schemas.CreateStudioDto.properties.capacity).toMatchObject({
      type: 'number',
      nullable: true,
    });
  });

  it('serves Swagger UI as HTML at /api/docs', async () => {
    const res = await t.http.get('/api/docs').redirects(2);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });

  it('never puts a stack trace in an answer', async () => {
    const answers = [
      await t.http.get(`${API}/users/not-a-uuid`).set(staff.auth),
      await t.http.get(`${API}/users`).set(staff.auth),
      await t.http.get(`${API}/users`),
      await t.http.get(`${API}/partners/not-a-uuid`),
      await t.http.post(`${API}/auth/login`).send({ email: ['x'], password: { a: 1 } }),
      await t.http
        .post(`${API}/auth/register`)
        .send({ email: 'x@y.id', password: 'rahasia-123', fullName: 'A'.repeat(151) }),
      await t.http.post(`${API}/auth/refresh`).send({ refreshToken: 'z'.repeat(50) }),
      await t.http.get(`${API}/audit-logs?from=${'9'.repeat(30)}`).set(staff.auth),
      await t.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').send('[1,2'),
      await t.http
        .post(`${API}/auth/login`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{}'),
      await t.http.get(`${API}/partners?page=${'9'.repeat(400)}`),
    ];
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      noStackTrace(res);
    }
  });

  describe('hostile input (regressions)', () => {
    const count = async (table: string) =>
      Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

    it(
      'refuses a body nested past 32 levels with 400 (5,000 ' +
        'levels overflowed the stack in class-transformer: 500)',
      async () => {
        const res = await t.http
          .post(`${API}/participants`)
          .set(staff.auth)
          .set('Content-Type', 'application/json')
          .send(`{"fullName":${deep(5000)}}`);
        expectProblem(res, 400);
        expect(res.body.detail).toBe('The request body is nested more than 32 levels deep');
        expectProblem(
          await t.http
            .post(`${API}/auth/login`)
            .set('Content-Type', 'application/json')
            .send(`[${deep(40)}]`),
          400,
        );
        expect(await count('participants')).toBe(0);
      },
    );

    it(
      'refuses control characters and unpaired surrogates in text ' +
        'with 400 naming the field (they broke audit rows, XLSX and PDFs)',
      async () => {
        for (const bad of ['Siti\u0000Rahayu', 'Siti\u001bRahayu', 'Siti\ud800']) {
          const res = await t.http.post(`${API}/participants`).set(staff.auth).send({ fullName: bad });
          expectProblem(res, 400);
          expect(res.body.errors).toEqual([
            { field: 'fullName', message: 'control characters and unpaired surrogates are not allowed' },
          ]);
        }
        expect(await count('participants')).toBe(0);
      },
    );

    it('refuses __proto__, constructor and prototype members at any depth with 400', async () => {
      for (const body of [
        '{"__proto__":{"role":"admin"}}',
        '{"email":"a@b.id","password":{"constructor":{"prototype":{}}}}',
        '{"x":[{"prototype":1}]}',
      ]) {
        const res = await t.http.post(`${API}/auth/login`).set('Content-Type', 'application/json').send(body);
        expectProblem(res, 400);
        expect(res.body.errors[0].message).toBe('unknown field');
      }
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('answers a request line past 16 KB with 431 problem+json (Node answered it with an empty body)', async () => {
      const res = await t.http.get(`${API}/events?q=${'a'.repeat(20_000)}`);
      expectProblem(res, 431);
    });

    it('refuses a page number past 1,000,000 with 400 (page=1e20 put "2e+21" into the SQL: 500)', async () => {
      for (const page of ['1000001', '100000000000000000000', '1e300']) {
        const res = await t.http.get(`${API}/events?page=${page}`);
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['page']);
      }
      expect((await t.http.get(`${API}/events?page=1000000`)).status).toBe(200);
    });

    it('refuses a null check-in field with 400 (a null ticketCode was a TypeError: 500)', async () => {
      const res = await t.http
        .post(`${API}/events/00000000-0000-4000-8000-000000000000/check-ins`)
        .set(staff.auth)
        .send({ ticketCode: null });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'ticketCode', message: 'ticketCode may not be null' }]);
    });
  });
});

describe('platform CORS with configured origins (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      CORS_ORIGINS: 'https://banggamacapat.purbalinggakab.go.id, https://admin.banggamacapat.id',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('allows only the configured origins', async () => {
    const ok = await t.http.get(`${API}/health`).set('Origin', 'https://admin.banggamacapat.id');
    expect(ok.headers['access-control-allow-origin']).toBe('https://admin.banggamacapat.id');
    const other = await t.http.get(`${API}/health`).set('Origin', 'https://jahat.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('platform with the database gone (e2e)', () => {
  let t: TestApp, staff: SignedIn;
  beforeAll(async () => {
    ({ t, staff } = await bootWithPersonas(['staff']));
    await t.dataSource.destroy();
  });
  afterAll(() => t.close());

  it('health answers 503 {status: error, db: down} with Retry-After', async () => {
    const res = await t.http.get(`${API}/health`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', db: 'down' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('other routes answer 503 problem+json with Retry-After, never 500', async () => {
    for (const res of [
      await t.http.get(`${API}/regions/kecamatan`),
      await t.http.get(`${API}/partners`),
      await t.http.get(`${API}/auth/me`).set(staff.auth),
      await t.http.post(`${API}/auth/login`).send({ email: staff.email, password: 'rahasia-uji-123' }),
    ]) {
      expectProblem(res, 503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
