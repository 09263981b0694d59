import type { Pillar } from './event-rules.js';

/** How the four pillars of the national digital literacy programme are named in Indonesian. */
export const PILLAR_LABELS: Record<Pillar, string> = {
  digital_skills: 'Cakap Digital',
  digital_ethics: 'Etis Digital',
  digital_safety: 'Aman Digital',
  digital_culture: 'Budaya Digital',
};
