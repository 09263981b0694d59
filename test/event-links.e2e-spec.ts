import { createEvent, participantBody } from './support/training-factory.js';
import { API, createTestApp, type SignedIn, type TestApp } from './support/test-app.js';

const LINK = 'https://meet.purbalinggakab.go.id/rahasia-sesi';

/** The meeting link of an online or hybrid training is for staff, admin and confirmed registrants only. */
describe('event meeting links (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let admin: SignedIn;
  let partnerUser: SignedIn;
  let confirmed: SignedIn;
  let waitlisted: SignedIn;
  let unregistered: SignedIn;
  let partnerId: string;
  let hybrid: { id: string };
  let other: { id: string };

  async function withProfile(): Promise<SignedIn> {
    const user = await t.signIn('participant');
    const res = await t.http.put(`${API}/me/participant`).set(user.auth).send(participantBody());
    if (res.status !== 200 && res.status !== 201) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
    return user;
  }

  async function registerSelf(user: SignedIn, eventId: string): Promise<Record<string, any>> {
    const res = await t.http.post(`${API}/events/${eventId}/registrations`).set(user.auth).send({});
    if (res.status !== 201) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.signIn('staff');
    admin = await t.signIn('admin');
    const partner = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .send({ name: 'FK Metra Uji Tautan', type: 'community' });
    partnerId = partner.body.id;
    partnerUser = await t.signIn('partner', { partnerId });
    // One seat: the first registrant is confirmed, the second waitlisted.
    hybrid = await createEvent(t, staff, {
      format: 'hybrid',
      onlineUrl: LINK,
      capacity: 1,
      waitlistEnabled: true,
      partnerIds: [partnerId],
    });
    other = await createEvent(t, staff, {
      format: 'online',
      venue: null,
      kecamatanCode: null,
      onlineUrl: `${LINK}-2`,
      partnerIds: [partnerId],
    });
    confirmed = await withProfile();
    waitlisted = await withProfile();
    unregistered = await withProfile();
    expect((await registerSelf(confirmed, hybrid.id)).status).toBe('confirmed');
    expect((await registerSelf(waitlisted, hybrid.id)).status).toBe('waitlisted');
  });
  afterAll(async () => {
    await t.close();
  });

  /** The event as the caller sees it on every route that returns events. */
  async function seen(who: SignedIn | null, eventId: string): Promise<Record<string, any>[]> {
    const auth = who ? who.auth : {};
    const one = await t.http.get(`${API}/events/${eventId}`).set(auth);
    const list = await t.http.get(`${API}/events?limit=100`).set(auth);
    const byPartner = await t.http.get(`${API}/partners/${partnerId}/events?limit=100`).set(auth);
    for (const res of [one, list, byPartner]) expect(res.status).toBe(200);
    return [
      one.body,
      list.body.data.find((e: { id: string }) => e.id === eventId),
      byPartner.body.data.find((e: { id: string }) => e.id === eventId),
    ];
  }

  it('anonymous callers, partners, unregistered and waitlisted participants see the format but no link', async () => {
    for (const who of [null, partnerUser, unregistered, waitlisted]) {
      for (const event of await seen(who, hybrid.id)) {
        expect(event).toMatchObject({ id: hybrid.id, format: 'hybrid', onlineUrl: null });
      }
      for (const event of await seen(who, other.id)) {
        expect(event).toMatchObject({ id: other.id, format: 'online', onlineUrl: null });
      }
    }
  });

  it('a confirmed registrant sees the link of that event only', async () => {
    for (const event of await seen(confirmed, hybrid.id)) expect(event.onlineUrl).toBe(LINK);
    for (const event of await seen(confirmed, other.id)) expect(event.onlineUrl).toBeNull();
  });

  it('staff and admins see every link', async () => {
    for (const who of [staff, admin]) {
      for (const event of await seen(who, hybrid.id)) expect(event.onlineUrl).toBe(LINK);
      for (const event of await seen(who, other.id)) expect(event.onlineUrl).toBe(`${LINK}-2`);
    }
  });

  it('the link follows the registration: lost on cancel, gained on promotion from the waitlist', async () => {
    const mine = await t.http.get(`${API}/me/registrations`).set(confirmed.auth);
    const registration = mine.body.data.find((r: { eventId: string }) => r.eventId === hybrid.id);
    expect((await t.http.post(`${API}/registrations/${registration.id}/cancel`).set(confirmed.auth)).status).toBe(200);
    for (const event of await seen(confirmed, hybrid.id)) expect(event.onlineUrl).toBeNull();
    for (const event of await seen(waitlisted, hybrid.id)) expect(event.onlineUrl).toBe(LINK);
  });
});
