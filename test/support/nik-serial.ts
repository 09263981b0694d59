import { randomInt } from 'node:crypto';

let serial = randomInt(1000, 8000);

/** A well-formed NIK for the birth date and gender (women: day + 40), unique within the run. */
export function nikFor(birthDate: string, gender: 'male' | 'female'): string {
  const [y, m, d] = birthDate.split('-');
  const day = String(Number(d) + (gender === 'female' ? 40 : 0)).padStart(2, '0');
  serial = (serial % 9999) + 1;
  return `330301${day}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`;
}
