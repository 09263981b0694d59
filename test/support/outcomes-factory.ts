import { API, type SignedIn, type TestApp } from './test-app.js';
import { participantBody } from './training-factory.js';

/**
 * Helpers of the learning-outcome suites: participants who act for themselves (tests and ratings are
 * theirs alone), question sets and answers that give a chosen score.
 */

export type Self = SignedIn & { participantId: string };

/** A participant account with a profile (overrides go to the profile, e.g. gender or kecamatanCode). */
export async function selfParticipant(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Self> {
  const user = await t.signIn('participant');
  const res = await t.http.put(`${API}/me/participant`).set(user.auth).send(participantBody(overrides));
  if (res.status !== 200) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...user, participantId: res.body.id as string };
}

/** The participant registers themselves; returns the registration. */
export async function registerSelf(
  t: TestApp,
  who: SignedIn,
  eventId: string,
): Promise<{ id: string; status: string }> {
  const res = await t.http.post(`${API}/events/${eventId}/registrations`).set(who.auth).send({});
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** `count` questions of four options whose correct answers are `correct` (index per question; default all 0). */
export function questionSet(
  count = 5,
  correct: number[] = [],
): { questions: { text: string; options: string[]; correctIndex: number }[] } {
  return {
    questions: Array.from({ length: count }, (_, i) => ({
      text: `Pertanyaan ${i + 1}: manakah yang benar?`,
      options: ['Pilihan A', 'Pilihan B', 'Pilihan C', 'Pilihan D'],
      correctIndex: correct[i] ?? 0,
    })),
  };
}

export async function putQuiz(t: TestApp, staff: SignedIn, pillar: string, body = questionSet()): Promise<number> {
  const res = await t.http.put(`${API}/pillars/${pillar}/quiz`).set(staff.auth).send(body);
  if (res.status !== 200) throw new Error(`quiz: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version as number;
}

/** Answers to a set whose correct answers are all 0 that score `score` (a multiple of 100 / count). */
export function answersScoring(score: number, count = 5): number[] {
  const right = Math.round((score / 100) * count);
  return Array.from({ length: count }, (_, i) => (i < right ? 0 : 1));
}

export function submitQuiz(
  t: TestApp,
  who: SignedIn,
  registrationId: string,
  phase: 'pre' | 'post',
  body: Record<string, unknown>,
) {
  return t.http.post(`${API}/registrations/${registrationId}/quiz`).query({ phase }).set(who.auth).send(body);
}

export function evaluate(t: TestApp, who: SignedIn, registrationId: string, body: Record<string, unknown>) {
  return t.http.post(`${API}/registrations/${registrationId}/evaluation`).set(who.auth).send(body);
}
