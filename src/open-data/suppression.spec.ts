import { suppress } from './suppression.js';

type Row = { key: string; events: number; a: number; b: number };
const rows = (...values: [number, number][]): Row[] => values.map(([a, b], i) => ({ key: `k${i}`, events: 1, a, b }));

describe('small-cell suppression', () => {
  it('suppresses every count below 5, keeps 5 and more, and leaves other fields alone', () => {
    const { rows: out } = suppress(['a', 'b'], rows([0, 5], [4, 6], [1, 7], [5, 8]), { a: 10, b: 26 });
    expect(out.map((r) => r.a)).toEqual([null, null, null, 5]);
    expect(out.map((r) => r.b)).toEqual([5, 6, 7, 8]);
    expect(out.map((r) => r.events)).toEqual([1, 1, 1, 1]);
    expect(out.map((r) => r.key)).toEqual(['k0', 'k1', 'k2', 'k3']);
  });

  it('publishes totals only from 5 on', () => {
    expect(suppress(['a', 'b'], rows([2, 2]), { a: 4, b: 5 }).totals).toEqual({ a: null, b: 5 });
  });

  it('suppresses the next smallest cell when a single suppressed cell could be derived from the total', () => {
    // a: 3 is suppressed; 40 − 30 − 7 would give it back, so 7 (the smallest shown) goes too.
    const { rows: out } = suppress(['a', 'b'], rows([30, 30], [3, 9], [7, 6]), { a: 40, b: 45 });
    expect(out.map((r) => r.a)).toEqual([30, null, null]);
    // b: nothing below 5, so nothing is suppressed.
    expect(out.map((r) => r.b)).toEqual([30, 9, 6]);
  });

  it('needs no second cell when two are already suppressed or the total is not shown', () => {
    expect(suppress(['a'], rows([30, 0], [3, 0], [2, 0]), { a: 35, b: 0 }).rows.map((r) => r.a)).toEqual([
      30,
      null,
      null,
    ]);
    expect(suppress(['a'], rows([3, 0]), { a: 3, b: 0 }).rows.map((r) => r.a)).toEqual([null]);
  });
});
