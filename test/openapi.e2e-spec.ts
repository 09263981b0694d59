import SwaggerParser from '@apidevtools/swagger-parser';
import { PROBLEM_CODES } from '../src/common/problem-codes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Schema = {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  $ref?: string;
  required?: string[];
};
type MediaType = { schema?: Schema };
type Response = { description?: string; content?: Record<string, MediaType> };
type Operation = { responses: Record<string, Response>; parameters?: { name: string; in: string }[] };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
  'image/png',
  'text/calendar',
];

/** The served document, validated, then with every $ref resolved (swagger-parser works on copies). */
async function servedDocument(t: TestApp): Promise<{ raw: Document; resolved: Document }> {
  const res = await t.http.get('/api/docs-json');
  expect(res.status).toBe(200);
  const raw = res.body as Document;
  await SwaggerParser.validate(structuredClone(raw) as never);
  const resolved = (await SwaggerParser.dereference(structuredClone(raw) as never)) as unknown as Document;
  return { raw, resolved };
}

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${path}`, item[m]]),
  );
}

/** Merges allOf (how Nest wraps a described $ref) so properties can be read. */
function flat(schema: Schema | undefined): Schema {
  if (!schema?.allOf) return schema ?? {};
  return schema.allOf.reduce<Schema>(
    (all, part) => ({ ...all, ...flat(part), properties: { ...all.properties, ...flat(part).properties } }),
    { ...schema, allOf: undefined },
  );
}

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let raw: Document;
  let resolved: Document;

  beforeAll(async () => {
    t = await createTestApp();
    ({ raw, resolved } = await servedDocument(t));
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI document (swagger-parser)', () => {
    expect(operations(raw).length).toBeGreaterThan(60);
  });

  it(
    'declares a success answer with a schema for every operation (JSON, ' +
      'files by media type; 204 alone has no body)',
    () => {
      const missing: string[] = [];
      for (const [name, op] of operations(resolved)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (success.length === 0) {
          missing.push(`${name}: no 2xx answer`);
          continue;
        }
        for (const [status, response] of success) {
          if (status === '204') {
            if (response.content) missing.push(`${name}: 204 with a body`);
            continue;
          }
          const content = Object.entries(response.content ?? {});
          if (content.length === 0) missing.push(`${name}: ${status} without content`);
          for (const [type, media] of content) {
            const schema = flat(media.schema);
            if (!media.schema || (!schema.type && !schema.properties))
              missing.push(`${name}: ${status} ${type} without a schema`);
            else if (type.startsWith('application/json') && schema.type === 'object' && !schema.properties)
              missing.push(`${name}: ${status} ${type} has no properties`);
            else if (
              FILE_TYPES.some((file) => type.startsWith(file)) &&
              !(schema.type === 'string' && schema.format === 'binary')
            ) {
              missing.push(`${name}: ${status} ${type} is not a binary string`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
    },
  );

  // meta may say more (the notification list adds unreadCount), never less.
  it('describes every paginated list as the data/meta envelope', () => {
    const wrong: string[] = [];
    let lists = 0;
    for (const [name, op] of operations(resolved)) {
      if (!op.parameters?.some((p) => p.in === 'query' && p.name === 'page')) continue;
      lists++;
      const schema = flat(op.responses['200']?.content?.['application/json']?.schema);
      const { data, meta } = schema.properties ?? {};
      const metaFields = Object.keys(flat(meta).properties ?? {}).sort();
      if (
        data?.type !== 'array' ||
        !flat(data.items).properties ||
        !['limit', 'page', 'total'].every((f) => metaFields.includes(f))
      ) {
        wrong.push(`${name}: data ${data?.type ?? 'missing'}, meta ${metaFields.join('/') || 'missing'}`);
      }
      if (!['data', 'meta'].every((key) => (schema.required ?? []).includes(key)))
        wrong.push(`${name}: data and meta not required`);
    }
    expect(wrong).toEqual([]);
    expect(lists).toBeGreaterThanOrEqual(12);
  });

  it('lists every problem code once, as the enum of ProblemDetails.code', () => {
    const problem = flat(resolved.components.schemas.ProblemDetails);
    expect(flat(problem.properties?.code).enum).toEqual([...PROBLEM_CODES]);
    expect(raw.components.schemas.ProblemCode.enum).toEqual([...PROBLEM_CODES]);
    expect(problem.properties?.errors).toMatchObject({
      type: 'array',
      items: { properties: { field: { type: 'string' }, message: { type: 'string' } } },
    });
  });

  it('declares problem answers as problem+json ProblemDetails, and 503 on every operation', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations(raw)) {
      if (!op.responses['503']) wrong.push(`${name}: no 503`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status) || name === 'GET /api/v1/health') continue;
        const ref = response.content?.['application/problem+json']?.schema?.$ref;
        if (ref !== '#/components/schemas/ProblemDetails') wrong.push(`${name}: ${status} is not ProblemDetails`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
