import express from 'express';
import request from 'supertest';
import { problemCodeRecorder, problemCodeViolations } from './support/problem-code-check.js';

// The recorder every booted test app carries: it must catch an error answer without a listed code, or the
// check that rides along with every e2e suite could never fail.
describe('problem code recorder', () => {
  const app = express();
  app.use(problemCodeRecorder);
  app.get('/plain', (_req, res) => {
    res.status(418).type('text/plain').send('short and stout');
  });
  app.get('/unlisted', (_req, res) => {
    res
      .status(409)
      .type('application/problem+json')
      .send(JSON.stringify({ status: 409, code: 'no_such_code' }));
  });
  app.get('/missing', (_req, res) => {
    res
      .status(400)
      .type('application/problem+json')
      .send(JSON.stringify({ status: 400 }));
  });
  app.get('/listed', (_req, res) => {
    res
      .status(409)
      .type('application/problem+json')
      .send(JSON.stringify({ status: 409, code: 'event_full' }));
  });
  app.get('/fine', (_req, res) => {
    res.json({ ok: true });
  });

  it('records error answers that are not problem+json or carry no listed code, and nothing else', async () => {
    for (const path of ['/plain', '/unlisted', '/missing', '/listed', '/fine']) await request(app).get(path);
    // Taken out of the shared list, so the setup file's afterEach does not fail this test for them.
    const found = problemCodeViolations().splice(0);
    expect(found).toEqual([
      'GET /plain → 418: content type text/plain; charset=utf-8',
      'GET /unlisted → 409: code "no_such_code" is not in PROBLEM_CODES',
      'GET /missing → 400: code undefined is not in PROBLEM_CODES',
    ]);
  });
});
