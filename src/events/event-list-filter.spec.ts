import { eventListFilter } from './event-list-filter.js';

const NOW = new Date('2026-11-30T03:00:00.000Z');
const asIs = (d: Date) => d;

describe('eventListFilter', () => {
  it('shows the public published and completed events, whatever the status asked for', () => {
    for (const status of [undefined, 'all', 'draft', 'cancelled'] as const) {
      const { where } = eventListFilter({ status }, false, NOW, asIs);
      expect(where).toBe(
        status === 'draft' || status === 'cancelled' ? '1 = 0' : "e.status IN ('published', 'completed')",
      );
    }
  });

  it('lets staff ask for every status, or one', () => {
    expect(eventListFilter({ status: 'all' }, true, NOW, asIs)).toEqual({ where: '1 = 1', params: [] });
    expect(eventListFilter({ status: 'draft' }, true, NOW, asIs)).toEqual({ where: 'e.status = ?', params: ['draft'] });
  });

  it('counts a published event that has ended as completed, for everyone', () => {
    expect(eventListFilter({ status: 'published' }, false, NOW, asIs)).toEqual({
      where: "e.status = 'published' AND e.ends_at > ?",
      params: [NOW],
    });
    expect(eventListFilter({ status: 'completed' }, true, NOW, asIs)).toEqual({
      where: "(e.status = 'completed' OR (e.status = 'published' AND e.ends_at <= ?))",
      params: [NOW],
    });
  });

  it('adds each filter with its value in placeholder order, instants through the driver conversion', () => {
    const filter = eventListFilter(
      {
        pillar: 'digital_safety',
        kecamatanCode: '33.03.09',
        from: '2026-12-01T00:00:00+07:00',
        to: '2026-12-31T23:59:59+07:00',
        q: ' Hoaks_100%! ',
      },
      false,
      NOW,
      (d) => `at ${d.toISOString()}`,
      'partner-1',
    );
    expect(filter.where).toBe(
      "e.status IN ('published', 'completed') AND e.pillar = ? AND e.kecamatan_code = ? AND e.starts_at >= ? " +
        "AND e.starts_at <= ? AND e.title_search LIKE ? ESCAPE '!' " +
        'AND e.id IN (SELECT ep.event_id FROM event_partners ep WHERE ep.partner_id = ?)',
    );
    expect(filter.params).toEqual([
      'digital_safety',
      '33.03.09',
      'at 2026-11-30T17:00:00.000Z',
      'at 2026-12-31T16:59:59.000Z',
      '%hoaks!_100!%!!%',
      'partner-1',
    ]);
  });
});
