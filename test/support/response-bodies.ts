import type request from 'supertest';

/** supertest body parser that keeps a binary download (xlsx, PDF, CSV bytes) as a Buffer. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The same, but a problem+json answer is still parsed, so a refusal can be read like any other. */
export const binaryUnlessJson = (res: request.Response, done: (err: Error | null, body: unknown) => void) => {
  binary(res, (err, bytes) => {
    const json = /json/.test(String(res.headers['content-type']));
    done(err, json ? JSON.parse(bytes.toString('utf8')) : bytes);
  });
};

/** Minimal CSV reader for the server's writer: BOM, CRLF, quoted cells with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}
