import { effectiveStatus, windowProblem } from './event-rules.js';

describe('event rules', () => {
  const now = new Date('2026-12-01T02:00:00Z');

  it('shows a published event that has ended as completed, and nothing else changes', () => {
    expect(effectiveStatus('published', new Date('2026-12-01T01:59:59Z'), now)).toBe('completed');
    expect(effectiveStatus('published', new Date('2026-12-01T02:00:01Z'), now)).toBe('published');
    expect(effectiveStatus('draft', new Date('2020-01-01T00:00:00Z'), now)).toBe('draft');
    expect(effectiveStatus('cancelled', new Date('2020-01-01T00:00:00Z'), now)).toBe('cancelled');
  });

  it('opens and closes the registration window, closing at the start by default', () => {
    const starts = new Date('2026-12-02T02:00:00Z');
    expect(windowProblem(null, null, starts, now)).toBeNull();
    expect(windowProblem(new Date('2026-12-01T03:00:00Z'), null, starts, now)).toBe('not_open');
    expect(windowProblem(null, new Date('2026-12-01T02:00:00Z'), starts, now)).toBe('closed');
    expect(windowProblem(null, null, new Date('2026-12-01T01:00:00Z'), now)).toBe('closed');
  });
});
