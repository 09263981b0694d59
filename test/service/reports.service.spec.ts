import { ReportsModule } from '../../src/reports/reports.module.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { factories, type Factories, type RegistrationRow } from './factories.js';
import { createServiceTest, type ServiceTest } from './service-test.js';

/**
 * The numbers of the participation report (ReportsService), on data inserted directly. Moved from
 * test/reports.e2e-spec.ts, which keeps the route: input problems, roles, files, OpenAPI and erasure.
 */

type Measures = {
  events: number;
  registrations: number;
  attendees: number;
  uniqueParticipants: number;
  uniqueAttendees: number;
};
type Row = { key: string | null; label: string } & Measures;

/** [key, label, events, registrations, attendees, uniqueParticipants, uniqueAttendees] */
type Expected = [string | null, string, number, number, number, number, number];
const rows = (...expected: Expected[]): Row[] =>
  expected.map(([key, label, events, registrations, attendees, uniqueParticipants, uniqueAttendees]) => ({
    key,
    label,
    events,
    registrations,
    attendees,
    uniqueParticipants,
    uniqueAttendees,
  }));

const at = (iso: string) => new Date(iso);

describe('participation report (service)', () => {
  let st: ServiceTest, f: Factories, reports: ReportsService, staffId: string;
  beforeAll(async () => {
    st = await createServiceTest([ReportsModule]);
    f = factories(st);
    reports = st.get(ReportsService);
    staffId = (await f.user({ role: 'staff' })).id;
  });
  afterAll(() => st?.close());

  const attend = (r: RegistrationRow) => f.checkIn(r, staffId);

  describe('one year of trainings (2025)', () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    let partnerA: { id: string; name: string };
    let partnerB: { id: string; name: string };

    /*
     * E1 2025-03-10 09:00 WIB, Karanganyar, digital_skills, partner A: P1 ✓, P2 ✓, P4 (erased), P5 cancelled
     * E2 2025-04-20 06:00 WIB (= 04-19 23:00 UTC), online, digital_safety, partners A+B, capacity 3:
     *    P1 ✓, P3 ✓, P4, P2 waitlisted
     * E3 2025-04-05 09:00 WIB, Purbalingga, digital_ethics, no partner, no registrations
     * P1 female 1990-01-15 Karanganyar umkm · P2 male 2007-04-20 Bukateja student (17 at E1, 18 on E2's local day)
     * P3 female 1960-02-01 Purbalingga farmer · P4 male 1998-07-01 Purbalingga worker, erased afterwards (its age
     * on each event, 26, kept on the registrations: test/reports.e2e-spec.ts checks erasure keeps it)
     * P5 male 1985-05-05 Karanganyar teacher, registration cancelled
     */
    beforeAll(async () => {
      partnerA = await f.partner({ name: 'Relawan TIK Purbalingga' });
      partnerB = await f.partner({ name: 'Komunitas Blogger Purbalingga' });
      const p1 = await f.participant({
        gender: 'female',
        birthDate: '1990-01-15',
        kecamatanCode: '33.03.11',
        occupation: 'umkm',
      });
      const p2 = await f.participant({
        gender: 'male',
        birthDate: '2007-04-20',
        kecamatanCode: '33.03.02',
        occupation: 'student',
      });
      const p3 = await f.participant({
        gender: 'female',
        birthDate: '1960-02-01',
        kecamatanCode: '33.03.05',
        occupation: 'farmer',
      });
      const p4 = await f.participant({
        gender: 'male',
        birthDate: '1998-07-01',
        kecamatanCode: '33.03.05',
        occupation: 'worker',
        erased: true,
      });
      const p5 = await f.participant({
        gender: 'male',
        birthDate: '1985-05-05',
        kecamatanCode: '33.03.11',
        occupation: 'teacher',
      });

      const e1 = await f.event({
        startsAt: at('2025-03-10T09:00:00+07:00'),
        pillar: 'digital_skills',
        kecamatanCode: '33.03.11',
        partnerIds: [partnerA.id],
      });
      await attend(await f.registration(e1.id, p1.id));
      await attend(await f.registration(e1.id, p2.id));
      await f.registration(e1.id, p4.id, { ageAtEvent: 26 });
      await f.registration(e1.id, p5.id, { status: 'cancelled' });

      const e2 = await f.event({
        startsAt: at('2025-04-20T06:00:00+07:00'),
        pillar: 'digital_safety',
        format: 'online',
        capacity: 3,
        partnerIds: [partnerA.id, partnerB.id],
      });
      await attend(await f.registration(e2.id, p1.id));
      await attend(await f.registration(e2.id, p3.id));
      await f.registration(e2.id, p4.id, { ageAtEvent: 26 });
      await f.registration(e2.id, p2.id, { status: 'waitlisted', waitlistPosition: 1 });

      await f.event({ startsAt: at('2025-04-05T09:00:00+07:00'), pillar: 'digital_ethics', kecamatanCode: '33.03.05' });
    });

    const totals = { events: 3, registrations: 7, attendees: 4, uniqueParticipants: 4, uniqueAttendees: 3 };

    it('groupBy=pillar: events without registrations appear; totals are distinct, not sums', async () => {
      expect(await reports.participation({ ...range, groupBy: 'pillar' })).toEqual({
        from: '2025-01-01',
        to: '2025-12-31',
        groupBy: 'pillar',
        rows: rows(
          ['digital_skills', 'Cakap Digital', 1, 3, 2, 3, 2],
          ['digital_ethics', 'Etis Digital', 1, 0, 0, 0, 0],
          ['digital_safety', 'Aman Digital', 1, 4, 2, 4, 2],
        ),
        totals,
      });
    });

    it('groupBy=event_kecamatan: by code, the online event in the null row last', async () => {
      const report = await reports.participation({ ...range, groupBy: 'event_kecamatan' });
      expect(report.rows).toEqual(
        rows(
          ['33.03.05', 'Purbalingga', 1, 0, 0, 0, 0],
          ['33.03.11', 'Karanganyar', 1, 3, 2, 3, 2],
          [null, 'Daring / tanpa kecamatan', 1, 4, 2, 4, 2],
        ),
      );
      expect(report.totals).toEqual(totals);
    });

    it('groupBy=month: the local (WIB) month, chronologically', async () => {
      const report = await reports.participation({ ...range, groupBy: 'month' });
      expect(report.rows).toEqual(
        rows(['2025-03', 'Maret 2025', 1, 3, 2, 3, 2], ['2025-04', 'April 2025', 2, 4, 2, 4, 2]),
      );
      expect(report.totals).toEqual(totals);
    });

    it('groupBy=partner: an event counts for each co-host; events without partner under Dinkominfo', async () => {
      const report = await reports.participation({ ...range, groupBy: 'partner' });
      expect(report.rows).toEqual(
        rows(
          [partnerB.id, 'Komunitas Blogger Purbalingga', 1, 4, 2, 4, 2],
          [partnerA.id, 'Relawan TIK Purbalingga', 2, 7, 4, 4, 3],
          [null, 'Dinkominfo (tanpa mitra)', 1, 0, 0, 0, 0],
        ),
      );
      expect(report.totals).toEqual(totals);
    });

    it('groupBy=kecamatan: where participants live; cancelled registrations, the erased participant', async () => {
      const report = await reports.participation({ ...range, groupBy: 'kecamatan' });
      expect(report.rows).toEqual(
        rows(
          ['33.03.02', 'Bukateja', 2, 2, 1, 1, 1],
          ['33.03.05', 'Purbalingga', 2, 3, 1, 2, 1],
          ['33.03.11', 'Karanganyar', 2, 2, 2, 1, 1],
        ),
      );
      expect(report.totals).toEqual(totals);
    });

    it('groupBy=gender', async () => {
      const report = await reports.participation({ ...range, groupBy: 'gender' });
      expect(report.rows).toEqual(rows(['male', 'Laki-laki', 2, 4, 1, 2, 1], ['female', 'Perempuan', 2, 3, 3, 2, 2]));
    });

    it('groupBy=occupation: in vocabulary order', async () => {
      const report = await reports.participation({ ...range, groupBy: 'occupation' });
      expect(report.rows).toEqual(
        rows(
          ['student', 'Pelajar/Mahasiswa', 2, 2, 1, 1, 1],
          ['umkm', 'Pelaku UMKM', 2, 2, 2, 1, 1],
          ['farmer', 'Petani', 1, 1, 1, 1, 1],
          ['worker', 'Pekerja/Karyawan', 2, 2, 0, 1, 0],
        ),
      );
    });

    it(
      "groupBy=age_group: age on the event's local day (a birthday at 06:00 WIB counts), " +
        'the erased participant by the kept age',
      async () => {
        const report = await reports.participation({ ...range, groupBy: 'age_group' });
        expect(report.rows).toEqual(
          rows(
            ['<18', 'Di bawah 18 tahun', 1, 1, 1, 1, 1],
            ['18-24', '18–24 tahun', 1, 1, 0, 1, 0],
            ['25-34', '25–34 tahun', 2, 2, 0, 1, 0],
            ['35-44', '35–44 tahun', 2, 2, 2, 1, 1],
            ['60+', '60 tahun ke atas', 1, 1, 1, 1, 1],
          ),
        );
        expect(report.totals).toEqual(totals);
      },
    );
  });

  describe('the date range, in WIB', () => {
    it(
      'counts an event at 23:30 WIB on `to` and at 00:00 WIB on `from`, ' +
        'not 00:30 WIB the day after nor 23:59 the day before',
      async () => {
        const p = (await f.participant()).id;
        for (const startsAt of [
          '2024-05-31T23:59:00+07:00',
          '2024-06-01T00:00:00+07:00',
          '2024-06-30T23:30:00+07:00',
          '2024-07-01T00:30:00+07:00',
        ]) {
          await f.registration((await f.event({ startsAt: at(startsAt) })).id, p);
        }

        const june = await reports.participation({ from: '2024-06-01', to: '2024-06-30', groupBy: 'month' });
        expect(june.rows).toEqual(rows(['2024-06', 'Juni 2024', 2, 2, 0, 1, 0]));
        expect(june.totals).toEqual({
          events: 2,
          registrations: 2,
          attendees: 0,
          uniqueParticipants: 1,
          uniqueAttendees: 0,
        });

        // 00:30 WIB on 1 July is still 30 June in UTC: the month is the local one.
        const wider = await reports.participation({ from: '2024-05-31', to: '2024-07-01', groupBy: 'month' });
        expect(wider.rows).toEqual(
          rows(
            ['2024-05', 'Mei 2024', 1, 1, 0, 1, 0],
            ['2024-06', 'Juni 2024', 2, 2, 0, 1, 0],
            ['2024-07', 'Juli 2024', 1, 1, 0, 1, 0],
          ),
        );
        expect(wider.totals).toEqual({
          events: 4,
          registrations: 4,
          attendees: 0,
          uniqueParticipants: 1,
          uniqueAttendees: 0,
        });

        const oneDay = await reports.participation({ from: '2024-06-30', to: '2024-06-30', groupBy: 'pillar' });
        expect(oneDay.totals.events).toBe(1);
      },
    );
  });

  describe('which events count', () => {
    it('counts published and completed events, never drafts or cancelled ones', async () => {
      const p = (await f.participant()).id;
      const q = (await f.participant()).id;
      const published = await f.event({ startsAt: at('2023-03-01T09:00:00+07:00'), pillar: 'digital_skills' });
      await attend(await f.registration(published.id, p));
      await f.registration(published.id, q);
      const completed = await f.event({
        startsAt: at('2023-03-02T09:00:00+07:00'),
        pillar: 'digital_culture',
        status: 'completed',
      });
      await f.registration(completed.id, p);
      await f.event({ startsAt: at('2023-03-03T09:00:00+07:00'), pillar: 'digital_ethics', status: 'draft' });
      // Its registration left active: the event's own status is what keeps it out.
      const cancelled = await f.event({
        startsAt: at('2023-03-04T09:00:00+07:00'),
        pillar: 'digital_safety',
        status: 'cancelled',
      });
      await f.registration(cancelled.id, q);

      const report = await reports.participation({ from: '2023-03-01', to: '2023-03-31', groupBy: 'pillar' });
      expect(report.rows).toEqual(
        rows(['digital_skills', 'Cakap Digital', 1, 2, 1, 2, 1], ['digital_culture', 'Budaya Digital', 1, 1, 0, 1, 0]),
      );
      expect(report.totals).toEqual({
        events: 2,
        registrations: 3,
        attendees: 1,
        uniqueParticipants: 2,
        uniqueAttendees: 1,
      });
    });
  });
});
