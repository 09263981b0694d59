import { DataSource } from 'typeorm';
import { addYears } from '../common/calendar-date.js';
import { ageOn } from '../participants/participant-rules.js';
import {
  ageGroupOf,
  ageGroupSql,
  compareRows,
  labelFor,
  monthLabel,
  rangeBounds,
  REPORT_GROUPS,
  reportFilename,
  resolveRange,
  rowsSql,
  totalsSql,
} from './report-groups.js';

describe('resolveRange', () => {
  const today = '2026-04-15';

  it('defaults to 1 January of this year through today', () => {
    expect(resolveRange(undefined, undefined, today)).toEqual({ from: '2026-01-01', to: '2026-04-15' });
  });

  it('defaults from to 1 January of the year of to, and to to today', () => {
    expect(resolveRange(undefined, '2025-06-30', today)).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(resolveRange('2025-03-01', undefined, today)).toEqual({ from: '2025-03-01', to: '2026-04-15' });
  });

  it('accepts a single day and exactly five years', () => {
    expect(resolveRange('2026-02-03', '2026-02-03', today)).toEqual({ from: '2026-02-03', to: '2026-02-03' });
    expect(resolveRange('2022-01-01', '2026-12-31', today)).toEqual({ from: '2022-01-01', to: '2026-12-31' });
  });

  it('refuses a backwards range on from', () => {
    expect(resolveRange('2026-02-04', '2026-02-03', today)).toEqual([
      { field: 'from', message: expect.stringMatching(/after/) },
    ]);
    expect(resolveRange('2026-05-01', undefined, today)).toEqual([{ field: 'from', message: expect.any(String) }]);
  });

  it('refuses more than five years on to', () => {
    expect(resolveRange('2022-01-01', '2027-01-01', today)).toEqual([
      { field: 'to', message: expect.stringMatching(/5 years/) },
    ]);
    expect(resolveRange('2024-02-29', '2029-02-28', today)).toEqual([{ field: 'to', message: expect.any(String) }]);
    expect(resolveRange('2024-02-29', '2029-02-27', today)).toEqual({ from: '2024-02-29', to: '2029-02-27' });
  });

  it('names each field that is no real date', () => {
    expect(resolveRange('2026-02-30', '2026-13-01', today)).toEqual([
      { field: 'from', message: expect.any(String) },
      { field: 'to', message: expect.any(String) },
    ]);
  });
});

describe('addYears', () => {
  it('keeps the day, and moves 29 February to 28 February in a common year', () => {
    expect(addYears('2026-03-31', 5)).toBe('2031-03-31');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('rangeBounds', () => {
  it('turns local days into the UTC instants of WIB midnight, end exclusive', () => {
    expect(rangeBounds({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      start: '2025-12-31 17:00:00.000',
      end: '2026-12-31 17:00:00.000',
    });
    expect(rangeBounds({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      start: '2026-02-28 17:00:00.000',
      end: '2026-03-01 17:00:00.000',
    });
  });
});

describe('age groups', () => {
  it.each([
    [null, 'unknown'],
    [0, '<18'],
    [17, '<18'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-44'],
    [44, '35-44'],
    [45, '45-59'],
    [59, '45-59'],
    [60, '60+'],
    [97, '60+'],
  ])('age %p is %p', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });

  describe('the SQLite expression', () => {
    // A bare in-memory SQLite: the expression is evaluated by the engine it is written for.
    const db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    beforeAll(() => db.initialize());
    afterAll(() => db.destroy());

    const groupIn = async (startsAt: string, birthDate: string | null, ageAtEvent: number | null): Promise<string> => {
      const sql =
        `SELECT ${ageGroupSql('sqlite')} AS g FROM (SELECT ? AS starts_at) ` +
        `e, (SELECT ? AS birth_date) p, (SELECT ? AS age_at_event) r`;
      return ((await db.query(sql, [startsAt, birthDate, ageAtEvent])) as { g: string }[])[0].g;
    };

    it.each([
      // [event start (UTC, as stored), birth date, local event day]
      ['2026-05-10 02:00:00.000', '2008-05-10', '2026-05-10'], // 18th birthday on the day
      ['2026-05-09 16:59:59.999', '2008-05-10', '2026-05-09'], // 23:59 WIB the day before
      ['2026-05-09 17:00:00.000', '2008-05-10', '2026-05-10'], // 00:00 WIB on the birthday
      ['2027-02-28 03:00:00.000', '2009-02-29', '2027-02-28'], // leap-day birthday, common year
      ['2027-03-01 03:00:00.000', '2009-02-29', '2027-03-01'],
      ['2026-12-31 18:00:00.000', '2002-01-01', '2027-01-01'], // new year in WIB only
      ['2026-06-01 03:00:00.000', '1966-06-02', '2026-06-01'],
      ['2026-06-01 03:00:00.000', '1966-06-01', '2026-06-01'],
    ])('event at %s, born %s: the group of the age on the local day %s', async (startsAt, birthDate, localDay) => {
      expect(await groupIn(startsAt, birthDate, null)).toBe(ageGroupOf(ageOn(birthDate, localDay)));
    });

    it('prefers the age kept at erasure, and is unknown without either', async () => {
      expect(await groupIn('2026-05-10 02:00:00.000', null, 40)).toBe('35-44');
      expect(await groupIn('2026-05-10 02:00:00.000', '2000-01-01', 17)).toBe('<18');
      expect(await groupIn('2026-05-10 02:00:00.000', null, null)).toBe('unknown');
    });
  });
});

describe('labels', () => {
  it('gives Indonesian labels and the fallback rows', () => {
    expect(labelFor('pillar', 'digital_safety', null)).toBe('Aman Digital');
    expect(labelFor('gender', 'male', null)).toBe('Laki-laki');
    expect(labelFor('gender', 'female', null)).toBe('Perempuan');
    expect(labelFor('occupation', 'umkm', null)).toBe('Pelaku UMKM');
    expect(labelFor('age_group', '60+', null)).toBe('60 tahun ke atas');
    expect(labelFor('kecamatan', '33.03.11', 'Karanganyar')).toBe('Karanganyar');
    expect(labelFor('event_kecamatan', null, null)).toBe('Daring / tanpa kecamatan');
    expect(labelFor('partner', null, null)).toBe('Dinkominfo (tanpa mitra)');
    expect(labelFor('partner', 'id-1', 'RAPI Purbalingga')).toBe('RAPI Purbalingga');
    expect(monthLabel('2026-04')).toBe('April 2026');
    expect(labelFor('month', '2025-12', null)).toBe('Desember 2025');
  });
});

describe('compareRows', () => {
  const sorted = (group: Parameters<typeof compareRows>[0], rows: [string | null, string][]) =>
    rows
      .map(([key, label]) => ({ key, label }))
      .sort(compareRows(group))
      .map((r) => r.key);

  it('orders age groups youngest first, unknown last', () => {
    expect(
      sorted('age_group', [
        ['60+', ''],
        ['unknown', ''],
        ['18-24', ''],
        ['<18', ''],
        ['45-59', ''],
      ]),
    ).toEqual(['<18', '18-24', '45-59', '60+', 'unknown']);
  });

  it('orders months chronologically and kecamatan by code, the null key last', () => {
    expect(
      sorted('month', [
        ['2026-10', ''],
        ['2025-12', ''],
        ['2026-02', ''],
      ]),
    ).toEqual(['2025-12', '2026-02', '2026-10']);
    expect(
      sorted('event_kecamatan', [
        [null, ''],
        ['33.03.11', ''],
        ['33.03.02', ''],
      ]),
    ).toEqual(['33.03.02', '33.03.11', null]);
  });

  it('orders vocabularies in their own order and partners by name', () => {
    expect(
      sorted('pillar', [
        ['digital_culture', ''],
        ['digital_skills', ''],
        ['digital_safety', ''],
      ]),
    ).toEqual(['digital_skills', 'digital_safety', 'digital_culture']);
    expect(
      sorted('gender', [
        ['female', ''],
        ['male', ''],
      ]),
    ).toEqual(['male', 'female']);
    expect(
      sorted('partner', [
        [null, 'Dinkominfo'],
        ['b', 'Alpha'],
        ['a', 'Zulu'],
      ]),
    ).toEqual(['b', 'a', null]);
  });
});

describe('SQL', () => {
  it('binds only the two range instants and counts distinct participants', () => {
    for (const group of REPORT_GROUPS) {
      for (const dialect of ['mysql', 'sqlite'] as const) {
        const sql = rowsSql(group, dialect);
        expect(sql.split('?')).toHaveLength(3);
        expect(sql).toContain('GROUP BY x.group_key');
        expect(sql).toContain('COUNT(DISTINCT x.participant_id)');
      }
    }
    expect(totalsSql().split('?')).toHaveLength(3);
    expect(totalsSql()).not.toMatch(/GROUP BY/);
  });

  it('lists events without registrations only for event-side groupings', () => {
    expect(rowsSql('pillar', 'sqlite')).toContain('LEFT JOIN registrations r');
    expect(rowsSql('gender', 'sqlite')).not.toContain('LEFT JOIN registrations r');
    expect(rowsSql('gender', 'sqlite')).toContain('JOIN participants p');
  });

  it("uses each driver's date functions", () => {
    expect(rowsSql('month', 'mysql')).toContain('INTERVAL 7 HOUR');
    expect(rowsSql('month', 'sqlite')).toContain("'+7 hours'");
    expect(rowsSql('age_group', 'mysql')).toContain('TIMESTAMPDIFF(YEAR, p.birth_date');
  });
});

describe('reportFilename', () => {
  it('names the grouping and the range', () => {
    expect(reportFilename('kecamatan', { from: '2026-01-01', to: '2026-12-31' }, 'csv')).toBe(
      'laporan-partisipasi-kecamatan-2026-01-01-2026-12-31.csv',
    );
    expect(reportFilename('age_group', { from: '2026-01-01', to: '2026-03-31' }, 'xlsx')).toBe(
      'laporan-partisipasi-age-group-2026-01-01-2026-03-31.xlsx',
    );
  });
});
