import { CheckIn } from '../src/attendance/check-in.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { startEventNow, checkIn } from './support/attendance-factory.js';
import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** The door scanner's offline support: the list it downloads, and scans queued on a phone without signal. */
describe('offline check-in (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, participant: SignedIn;
  beforeAll(async () => ({ t, staff, admin, participant } = await bootWithPersonas(['staff', 'admin', 'participant'])));
  afterAll(() => t.close());

  /** A running event with one confirmed, one waitlisted and one cancelled registration. */
  async function doorEvent() {
    const event = await createEvent(t, staff, { capacity: 2 });
    const regs: { id: string; ticketCode: string; status: string; participantId: string }[] = [];
    for (const name of ['Siti Rahayu', 'Slamet Widodo', 'Dewi Lestari']) {
      const p = await createParticipant(t, staff, { fullName: name });
      const r = await register(t, staff, event.id, p.id);
      expect(r.status).toBe(201);
      regs.push(r.body);
    }
    expect((await t.http.post(`${API}/registrations/${regs[1].id}/cancel`).set(staff.auth)).status).toBe(200);
    // The waitlist is empty, so the cancelled seat went to nobody: add one more to get a waitlisted row.
    const extra = await createParticipant(t, staff, { fullName: 'Agus Priyanto' });
    const w = await register(t, staff, event.id, extra.id);
    expect(w.body.status).toBe('waitlisted');
    regs.push(w.body);
    await startEventNow(t, event.id);
    return { event, regs };
  }

  const list = (eventId: string, who: SignedIn, since?: string) =>
    t.http
      .get(`${API}/events/${eventId}/check-in-list`)
      .query(since ? { since } : {})
      .set(who.auth);

  it('gives every registration with its ticket, name, status and first check-in', async () => {
    const { event, regs } = await doorEvent();
    expect((await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode })).status).toBe(201);
    const res = await list(event.id, staff);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(Math.abs(Date.parse(res.body.generatedAt) - Date.now())).toBeLessThan(60_000);
    const byId = Object.fromEntries(res.body.data.map((r: { registrationId: string }) => [r.registrationId, r]));
    expect(Object.keys(byId).sort()).toEqual(regs.map((r) => r.id).sort());
    expect(byId[regs[0].id]).toEqual({
      registrationId: regs[0].id,
      ticketCode: regs[0].ticketCode,
      participantName: 'Siti Rahayu',
      status: 'confirmed',
      checkedInAt: expect.any(String),
    });
    expect(byId[regs[1].id]).toMatchObject({
      participantName: 'Slamet Widodo',
      status: 'cancelled',
      checkedInAt: null,
    });
    expect(byId[regs[2].id]).toMatchObject({ participantName: 'Dewi Lestari', status: 'confirmed', checkedInAt: null });
    expect(byId[regs[3].id]).toMatchObject({
      participantName: 'Agus Priyanto',
      status: 'waitlisted',
      checkedInAt: null,
    });
    expect((await list(event.id, admin)).status).toBe(200);
  });

  it('with since, gives only what changed after it, an undone check-in included', async () => {
    const { event, regs } = await doorEvent();
    // Rows older than the overlap the server allows for late commits.
    await t.dataSource
      .createQueryBuilder()
      .update(Registration)
      .set({ updatedAt: minutesAgo(30) })
      .where('event_id = :id', { id: event.id })
      .execute();
    const since = minutesAgo(10).toISOString();
    expect((await list(event.id, staff, since)).body.data).toEqual([]);

    expect((await checkIn(t, staff, event.id, { ticketCode: regs[2].ticketCode })).status).toBe(201);
    const changed = await list(event.id, staff, since);
    expect(changed.body.data.map((r: { registrationId: string }) => r.registrationId)).toEqual([regs[2].id]);

    await t.dataSource
      .createQueryBuilder()
      .update(CheckIn)
      .set({ updatedAt: minutesAgo(30) })
      .where('event_id = :id', { id: event.id })
      .execute();
    expect((await list(event.id, staff, since)).body.data).toEqual([]);
    expect((await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[2].id}`).set(staff.auth)).status).toBe(204);
    const undone = await list(event.id, staff, since);
    expect(undone.body.data).toEqual([expect.objectContaining({ registrationId: regs[2].id, checkedInAt: null })]);
  });

  it('refuses participants (403), anonymous (401), unknown events (404) and a since without offset (400)', async () => {
    const { event } = await doorEvent();
    await expectProblem(await list(event.id, participant), 403);
    await expectProblem(await t.http.get(`${API}/events/${event.id}/check-in-list`), 401);
    await expectProblem(await list(NO_SUCH, staff), 404);
    await expectProblem(await list(event.id, staff, '2026-12-01T09:00:00'), 400);
  });

  it('keeps the first scan time when two phones sync the same ticket in either order', async () => {
    const { event, regs } = await doorEvent();
    const early = minutesAgo(1).toISOString();
    const late = new Date().toISOString();
    // The phone that scanned later syncs first.
    const second = await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode, checkedInAt: late });
    expect(second.status).toBe(201);
    const first = await checkIn(t, admin, event.id, { ticketCode: regs[0].ticketCode, checkedInAt: early });
    expect(first.status).toBe(200);
    expect(first.body.alreadyCheckedIn).toBe(true);
    expect(Date.parse(first.body.checkedInAt)).toBe(Date.parse(early));
    // A later scan syncing after that changes nothing.
    const again = await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode, checkedInAt: late });
    expect(Date.parse(again.body.checkedInAt)).toBe(Date.parse(early));
    const rows = await t.dataSource.query('SELECT checked_in_at FROM check_ins WHERE registration_id = ?', [
      regs[0].id,
    ]);
    expect(rows).toHaveLength(1);
    const listed = (await list(event.id, staff)).body.data.find(
      (r: { registrationId: string }) => r.registrationId === regs[0].id,
    );
    expect(Date.parse(listed.checkedInAt)).toBe(Date.parse(early));
  });

  it('repeats an idempotent queued scan without a second check-in', async () => {
    const { event, regs } = await doorEvent();
    const at = minutesAgo(2).toISOString();
    const send = () =>
      checkIn(t, staff, event.id, { ticketCode: regs[2].ticketCode, checkedInAt: at }).set(
        'Idempotency-Key',
        `scan-${regs[2].id}`,
      );
    const a = await send();
    const b = await send();
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(await t.dataSource.query('SELECT 1 FROM check_ins WHERE registration_id = ?', [regs[2].id])).toHaveLength(1);
  });
});
