import type { Training } from '../../api/types';

/** Seats left, or how long the waitlist is, in words. */
export function seatsText(t: Training): string {
  if (t.status === 'cancelled') return 'Pelatihan dibatalkan';
  if (t.status === 'completed') return 'Pelatihan sudah selesai';
  if (t.seatsLeft > 0) return `Sisa ${t.seatsLeft} dari ${t.capacity} kursi`;
  if (!t.waitlistEnabled) return 'Kursi penuh';
  return t.waitlistedCount > 0
    ? `Kursi penuh · ${t.waitlistedCount} orang di daftar tunggu`
    : 'Kursi penuh · daftar tunggu dibuka';
}
