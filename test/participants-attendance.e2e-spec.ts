import { checkIn, moveEvent, startEventNow } from './support/attendance-factory.js';
import { API, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, participantBody, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

/** The PDP routes (export, erasure) once attendance and certificates exist. */
describe('participant data with attendance and certificates (e2e)', () => {
  let t: TestApp, staff: SignedIn;
  beforeAll(async () => ({ t, staff } = await bootWithPersonas(['staff'])));
  afterAll(() => t.close());

  /** An event the participant registered for while it was upcoming, then held on the given instant. */
  async function heldEvent(me: SignedIn, title: string, startsAt: string, attend: boolean, alsoRegistered?: string) {
    const event = await createEvent(t, staff, { title, pillar: 'digital_ethics' });
    const reg = await t.http.post(`${API}/events/${event.id}/registrations`).set(me.auth).send({});
    expect(reg.status).toBe(201);
    const otherReg = alsoRegistered ? await register(t, staff, event.id, alsoRegistered) : undefined;
    if (otherReg) expect(otherReg.status).toBe(201);
    let checkedInAt: string | null = null;
    if (attend) {
      await startEventNow(t, event.id);
      const res = await checkIn(t, staff, event.id, { registrationId: reg.body.id });
      expect(res.status).toBe(201);
      checkedInAt = res.body.checkedInAt;
    }
    const start = new Date(startsAt);
    await moveEvent(t, event.id, start, new Date(start.getTime() + 3 * 3600_000));
    return {
      eventId: event.id as string,
      registrationId: reg.body.id as string,
      checkedInAt,
      otherRegistrationId: otherReg?.body.id as string,
    };
  }

  it('exports attendance and certificates; erasure keeps the age per event day, clears certificate names', async () => {
    const me = await t.signIn('participant');
    const fullName = `Rina Kusumawati ${Date.now().toString(36)}`;
    const put = await t.http
      .put(`${API}/me/participant`)
      .set(me.auth)
      .send(participantBody({ fullName, birthDate: '2000-08-17' }));
    expect(put.status).toBe(200);
    const participantId: string = put.body.id;

    // Someone else at the same event: erasure must leave their registration alone.
    const other = await createParticipant(t, staff, {
      fullName: 'Bambang Wijaya',
      birthDate: '1980-01-01',
      gender: 'male',
    });
    // 17 August 2026 at 01:30 WIB (still the 16th in UTC): the birthday, so 26 on the local day.
    const attended = await heldEvent(me, 'Etika Bermedia Sosial di Desa', '2026-08-16T18:30:00Z', true, other.id);
    // 16 August 2026 at 17:00 WIB: the day before the birthday, 25.
    const missed = await heldEvent(me, 'Etika Digital untuk Keluarga', '2026-08-16T10:00:00Z', false);

    const pdf = await t.http.get(`${API}/registrations/${attended.registrationId}/certificate.pdf`).set(me.auth);
    expect(pdf.status).toBe(200);
    const [cert] = await t.dataSource.query('SELECT number FROM certificates WHERE registration_id = ?', [
      attended.registrationId,
    ]);
    const verified = await t.http.get(`${API}/certificates/${cert.number}`);
    expect(verified.body.participantName).toBe(fullName);

    const exp = await t.http.get(`${API}/me/participant/export`).set(me.auth);
    expect(exp.status).toBe(200);
    expect(exp.body.registrations).toHaveLength(2);
    const [a, m] = exp.body.registrations;
    expect(a).toMatchObject({
      id: attended.registrationId,
      eventId: attended.eventId,
      status: 'confirmed',
      certificateNumber: cert.number,
    });
    expect(Date.parse(a.checkedInAt)).toBe(Date.parse(attended.checkedInAt!));
    expect(m).toMatchObject({
      id: missed.registrationId,
      eventId: missed.eventId,
      status: 'confirmed',
      checkedInAt: null,
      certificateNumber: null,
    });
    expect(exp.body.certificates).toStrictEqual([
      {
        number: cert.number,
        registrationId: attended.registrationId,
        participantName: fullName,
        eventTitle: 'Etika Bermedia Sosial di Desa',
        pillar: 'digital_ethics',
        eventDate: '2026-08-17',
        issuedAt: verified.body.issuedAt,
      },
    ]);

    expect((await t.http.delete(`${API}/me/participant`).set(me.auth)).status).toBe(204);

    const ages: { id: string; age_at_event: number | null }[] = await t.dataSource.query(
      'SELECT id, age_at_event FROM registrations WHERE id IN (?, ?, ?)',
      [attended.registrationId, missed.registrationId, attended.otherRegistrationId],
    );
    const ageOf = (id: string) => ages.find((r) => r.id === id)!.age_at_event;
    expect(ageOf(attended.registrationId)).toBe(26);
    expect(ageOf(missed.registrationId)).toBe(25);
    expect(ageOf(attended.otherRegistrationId)).toBeNull();
    const [p] = await t.dataSource.query('SELECT birth_date FROM participants WHERE id = ?', [participantId]);
    expect(p.birth_date).toBeNull();

    expect(
      await t.dataSource.query('SELECT number, participant_name FROM certificates WHERE participant_id = ?', [
        participantId,
      ]),
    ).toEqual([{ number: cert.number, participant_name: null }]);
    const after = await t.http.get(`${API}/certificates/${cert.number}`);
    expect(after.body).toMatchObject({
      participantName: null,
      nameErased: true,
      eventTitle: 'Etika Bermedia Sosial di Desa',
    });
    // The certificate stays attached to the registration; only the name is gone, from the audit trail too.
    const [reg] = await t.dataSource.query('SELECT certificate_number FROM registrations WHERE id = ?', [
      attended.registrationId,
    ]);
    expect(reg.certificate_number).toBe(cert.number);
    const leaks = await t.dataSource.query(
      'SELECT COUNT(*) AS n FROM audit_logs WHERE `before` LIKE ? OR `after` LIKE ?',
      [`%${fullName}%`, `%${fullName}%`],
    );
    expect(Number(leaks[0].n)).toBe(0);
  });
});
