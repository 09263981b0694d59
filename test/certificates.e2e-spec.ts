import { formatIndonesianDate } from '../src/common/indonesian-date.js';
import { checkIn, moveEvent, startEventNow } from './support/attendance-factory.js';
import { createPartner } from './support/foundation-factory.js';
import { pdfText } from './support/pdf-text.js';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, participantBody } from './support/training-factory.js';
import { binaryUnlessJson } from './support/response-bodies.js';

const BASE_URL = 'https://bangga.purbalinggakab.example';
const OFFICE = 'Dinas Komunikasi dan Informatika Kabupaten Purbalingga';
const NUMBER = /^BM-(\d{4})-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
const mysql = testingMysql();

describe('certificates (e2e)', () => {
  let t: TestApp;
  let second: SecondApp | undefined;
  let staff: SignedIn;
  let admin: SignedIn;
  let partner: SignedIn;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: `${BASE_URL}/` });
    staff = await t.signIn('staff');
    admin = await t.signIn('admin');
    partner = await t.signIn('partner', { partnerId: (await createPartner(t, admin)).id });
    // On MariaDB a second app (own connection pool, as a second server process) joins the race test.
    second = mysql ? await createAppOnDatabase(t.db.url, { PUBLIC_BASE_URL: BASE_URL }) : undefined;
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  let seq = 0;
  /** A participant with an account and profile, registered (by themselves) to a fresh running event. */
  async function registered(over: { fullName?: string; title?: string; pillar?: string } = {}) {
    const me = await t.signIn('participant');
    const fullName = over.fullName ?? `Dwi Lestari Wulandari ${++seq}`;
    const profile = await t.http.put(`${API}/me/participant`).set(me.auth).send(participantBody({ fullName }));
    expect(profile.status).toBe(200);
    const event = await createEvent(t, staff, {
      title: over.title ?? `Aman Bermedia Sosial bagi Pelajar ${seq}`,
      pillar: over.pillar ?? 'digital_safety',
    });
    const reg = await t.http.post(`${API}/events/${event.id}/registrations`).set(me.auth).send({});
    expect(reg.status).toBe(201);
    await startEventNow(t, event.id);
    return {
      me,
      fullName,
      participantId: profile.body.id as string,
      eventId: event.id,
      registrationId: reg.body.id as string,
    };
  }

  async function attended(over: Parameters<typeof registered>[0] = {}) {
    const r = await registered(over);
    const res = await checkIn(t, staff, r.eventId, { registrationId: r.registrationId });
    expect(res.status).toBe(201);
    return r;
  }

  const pdfUrl = (registrationId: string) => `${API}/registrations/${registrationId}/certificate.pdf`;
  const getPdf = (who: SignedIn, registrationId: string, http = t.http) =>
    http.get(pdfUrl(registrationId)).set(who.auth).buffer(true).parse(binaryUnlessJson);

  async function certificateRows(registrationId: string) {
    return t.dataSource.query('SELECT number, participant_name FROM certificates WHERE registration_id = ?', [
      registrationId,
    ]);
  }

  it('answers 409 before check-in and issues nothing', async () => {
    const r = await registered();
    await expectProblem(await getPdf(r.me, r.registrationId), 409, 'not_attended');
    await expectProblem(await getPdf(staff, r.registrationId), 409, 'not_attended');
    expect(await certificateRows(r.registrationId)).toHaveLength(0);
    const reg = await t.http.get(`${API}/registrations/${r.registrationId}`).set(r.me.auth);
    expect(reg.body.certificateNumber).toBeNull();
  });

  it('issues the certificate once attended, then renders the same bytes even after the event is edited', async () => {
    const before = Date.now();
    const r = await attended({ title: 'Aman Bermedia Sosial bagi Pelajar SMP', pillar: 'digital_safety' });
    const startsAt = new Date((await t.http.get(`${API}/events/${r.eventId}`).set(staff.auth)).body.startsAt);

    const first = await getPdf(r.me, r.registrationId);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toMatch(/^private\b/);
    const reg = await t.http.get(`${API}/registrations/${r.registrationId}`).set(r.me.auth);
    const number: string = reg.body.certificateNumber;
    expect(number).toMatch(NUMBER);
    expect(first.headers['content-disposition']).toContain(`filename="sertifikat-${number}.pdf"`);
    const pdf = first.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const text = pdfText(pdf);
    for (const expected of [
      r.fullName,
      'Aman Bermedia Sosial bagi Pelajar SMP',
      'Aman Digital',
      formatIndonesianDate(startsAt),
      number,
      OFFICE,
      `${BASE_URL}/verifikasi/${number}`,
    ]) {
      expect(text).toContain(expected);
    }

    const again = await getPdf(r.me, r.registrationId);
    expect((again.body as Buffer).equals(pdf)).toBe(true);

    // The event is still running, so staff may still edit it; the certificate keeps what it was issued with.
    const patch = await t.http
      .patch(`${API}/events/${r.eventId}`)
      .set(staff.auth)
      .send({ title: 'Judul Baru Setelah Terbit', pillar: 'digital_culture' });
    expect(patch.status).toBe(200);
    const afterEdit = await getPdf(staff, r.registrationId);
    expect((afterEdit.body as Buffer).equals(pdf)).toBe(true);
    expect(await certificateRows(r.registrationId)).toHaveLength(1);

    const verified = await t.http.get(`${API}/certificates/${number}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toStrictEqual({
      valid: true,
      number,
      participantName: r.fullName,
      eventTitle: 'Aman Bermedia Sosial bagi Pelajar SMP',
      eventDate: new Date(startsAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
      pillar: 'digital_safety',
      issuedAt: expect.any(String),
    });
    const issuedAt = Date.parse(verified.body.issuedAt);
    expect(issuedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(issuedAt).toBeLessThanOrEqual(Date.now());
    expect(verified.body.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  });

  it('dates and numbers a certificate by the event day in Asia/Jakarta', async () => {
    const r = await attended({ pillar: 'digital_skills' });
    // Held 17 August 2026 from 01:30 WIB, which is still 16 August in UTC.
    await moveEvent(t, r.eventId, new Date('2026-08-16T18:30:00Z'), new Date('2026-08-16T21:30:00Z'));
    const res = await getPdf(admin, r.registrationId);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('17 Agustus 2026');
    expect(text).toContain('Pilar Cakap Digital');
    const [row] = await certificateRows(r.registrationId);
    expect(row.number).toMatch(NUMBER);
    expect(row.number.slice(3, 7)).toBe('2026');
    const verified = await t.http.get(`${API}/certificates/${row.number}`);
    expect(verified.body).toMatchObject({ eventDate: '2026-08-17', pillar: 'digital_skills' });

    const newYear = await attended();
    // 1 January 2027, 01:30 WIB: the year in the number is that of the local day.
    await moveEvent(t, newYear.eventId, new Date('2026-12-31T18:30:00Z'), new Date('2026-12-31T21:30:00Z'));
    expect((await getPdf(staff, newYear.registrationId)).status).toBe(200);
    const [ny] = await certificateRows(newYear.registrationId);
    expect(ny.number.slice(0, 8)).toBe('BM-2027-');
    expect((await t.http.get(`${API}/certificates/${ny.number}`)).body.eventDate).toBe('2027-01-01');
  });

  it('answers 404 to unknown and malformed numbers on the public verification route', async () => {
    await expectProblem(await t.http.get(`${API}/certificates/BM-2026-K7M2QX9B`), 404);
    for (const bad of [
      'nope',
      'BM-2026-K7M2QX9',
      'bm-2026-k7m2qx9b',
      'BM-2026-K7M2QX0B',
      "BM-2026-K7M2'--",
      'BM-2026-K7M2QX9BXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    ]) {
      await expectProblem(await t.http.get(`${API}/certificates/${encodeURIComponent(bad)}`), 404);
    }
  });

  it('shows the certificate to its participant, staff and admin only', async () => {
    const r = await attended();
    const own = await getPdf(r.me, r.registrationId);
    expect(own.status).toBe(200);
    expect((await getPdf(staff, r.registrationId)).body.equals(own.body)).toBe(true);
    expect((await getPdf(admin, r.registrationId)).body.equals(own.body)).toBe(true);

    const other = await attended();
    await expectProblem(await getPdf(other.me, r.registrationId), 404);
    const noProfile = await t.signIn('participant');
    await expectProblem(await getPdf(noProfile, r.registrationId), 404);
    await expectProblem(await getPdf(partner, r.registrationId), 403);
    await expectProblem(await t.http.get(pdfUrl(r.registrationId)), 401);
    await expectProblem(await getPdf(staff, '00000000-0000-4000-8000-000000000000'), 404);
    await expectProblem(await getPdf(staff, 'not-a-uuid'), 400, 'validation_failed');
    // Nobody but the owner and staff issued or saw anything for the other registration.
    expect(await certificateRows(other.registrationId)).toHaveLength(0);
  });

  it('stops vouching for a name once the participant erases their data', async () => {
    const r = await attended();
    expect((await getPdf(r.me, r.registrationId)).status).toBe(200);
    const [row] = await certificateRows(r.registrationId);

    expect((await t.http.delete(`${API}/me/participant`).set(r.me.auth)).status).toBe(204);
    const verified = await t.http.get(`${API}/certificates/${row.number}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, number: row.number, participantName: null, nameErased: true });
    expect(Object.keys(verified.body).sort()).toEqual([
      'eventDate',
      'eventTitle',
      'issuedAt',
      'nameErased',
      'number',
      'participantName',
      'pillar',
      'valid',
    ]);
    await expectProblem(await getPdf(staff, r.registrationId), 409);
    // Erasure closed the account: its token no longer works.
    await expectProblem(await getPdf(r.me, r.registrationId), 401);
    expect(await certificateRows(r.registrationId)).toEqual([{ number: row.number, participant_name: null }]);
  });

  it('refuses to issue for an erased participant who attended', async () => {
    const r = await attended();
    expect((await t.http.delete(`${API}/me/participant`).set(r.me.auth)).status).toBe(204);
    await expectProblem(await getPdf(staff, r.registrationId), 409, 'participant_erased');
    expect(await certificateRows(r.registrationId)).toHaveLength(0);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const pdf = doc.paths['/api/v1/registrations/{id}/certificate.pdf'].get;
    expect(pdf['x-roles']).toEqual(['participant', 'staff', 'admin']);
    expect(Object.keys(pdf.responses['200'].content)).toEqual(['application/pdf']);
    expect(pdf['x-problems']).toEqual([400, 404, 409]);
    const verify = doc.paths['/api/v1/certificates/{number}'].get;
    expect(verify['x-roles']).toEqual(['public']);
    expect(verify.security ?? []).toEqual([]);
    expect(doc.components.schemas.CertificateVerificationDto.required).toEqual([
      'valid',
      'number',
      'participantName',
      'eventTitle',
      'eventDate',
      'pillar',
      'issuedAt',
    ]);
  });

  it('issues exactly one certificate when the first requests race', async () => {
    const r = await attended();
    const https = second ? [t.http, second.http] : [t.http];
    const who = [r.me, staff, admin];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => getPdf(who[i % who.length], r.registrationId, https[i % https.length])),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const [first] = answers;
    for (const a of answers) expect((a.body as Buffer).equals(first.body as Buffer)).toBe(true);
    const rows = await certificateRows(r.registrationId);
    expect(rows).toHaveLength(1);
    const [reg] = await t.dataSource.query('SELECT certificate_number FROM registrations WHERE id = ?', [
      r.registrationId,
    ]);
    expect(reg.certificate_number).toBe(rows[0].number);
    expect(pdfText(first.body as Buffer)).toContain(rows[0].number);
  });
});
