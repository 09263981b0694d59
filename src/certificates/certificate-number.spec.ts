import { TICKET_ALPHABET } from '../registrations/ticket-code.js';
import { isCertificateNumber, newCertificateNumber } from './certificate-number.js';

describe('certificate numbers', () => {
  it('are BM-<year of the local event day>-<8 unambiguous random characters>', () => {
    const n = newCertificateNumber(new Date('2026-06-10T03:00:00Z'));
    expect(n).toMatch(/^BM-2026-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(n).toHaveLength(16);
    expect(isCertificateNumber(n)).toBe(true);
  });

  it('take the year of the day in Asia/Jakarta, not UTC', () => {
    // 31 Dec 2026 18:00 UTC is already 1 January 2027 in Purbalingga.
    expect(newCertificateNumber(new Date('2026-12-31T18:00:00Z')).slice(0, 8)).toBe('BM-2027-');
    expect(newCertificateNumber(new Date('2026-12-31T16:59:59Z')).slice(0, 8)).toBe('BM-2026-');
  });

  it('are random, not sequential, and use the whole alphabet', () => {
    const starts = new Date('2026-06-10T03:00:00Z');
    const numbers = Array.from({ length: 2000 }, () => newCertificateNumber(starts));
    expect(new Set(numbers).size).toBe(numbers.length);
    const seen = new Set(numbers.flatMap((n) => [...n.slice(8)]));
    expect([...seen].sort().join('')).toBe([...TICKET_ALPHABET].sort().join(''));
  });

  it('recognises malformed numbers', () => {
    for (const bad of [
      '',
      'BM-2026-K7M2QX9',
      'BM-2026-K7M2QX9BB',
      'bm-2026-K7M2QX9B',
      'BM-2026-K7M2QX0B',
      'BM-2026-K7M2QXIB',
      'XX-2026-K7M2QX9B',
      'BM-26-K7M2QX9BAA',
      'BM/2026/K7M2QX9B',
      'BM-2026-K7M2QX9B\n',
      "BM-2026-K7M2QX9' OR 1=1",
    ]) {
      expect(isCertificateNumber(bad)).toBe(false);
    }
    expect(isCertificateNumber('BM-2026-K7M2QX9B')).toBe(true);
  });
});
