import { answerErrors, evaluationProblem, quizPhaseProblem, type QuizContext } from './quiz-rules.js';

const startsAt = new Date('2026-12-01T02:00:00Z');
const base: QuizContext = { registrationStatus: 'confirmed', eventStatus: 'published', startsAt, attended: false };
const before = new Date('2026-12-01T01:59:59.999Z');

describe('quiz rules', () => {
  it('opens the pre-test to confirmed and waitlisted registrations until the training starts', () => {
    expect(quizPhaseProblem('pre', base, before)).toBeNull();
    expect(quizPhaseProblem('pre', { ...base, registrationStatus: 'waitlisted' }, before)).toBeNull();
    expect(quizPhaseProblem('pre', base, startsAt)?.code).toBe('quiz_closed');
    expect(quizPhaseProblem('pre', { ...base, registrationStatus: 'cancelled' }, before)?.code).toBe('quiz_closed');
    expect(quizPhaseProblem('pre', { ...base, eventStatus: 'cancelled' }, before)?.code).toBe('quiz_closed');
  });

  it('opens the post-test and the evaluation only after attending', () => {
    expect(quizPhaseProblem('post', base, new Date('2026-12-01T05:00:00Z'))?.code).toBe('not_attended');
    expect(quizPhaseProblem('post', { ...base, attended: true }, new Date('2026-12-01T05:00:00Z'))).toBeNull();
    expect(evaluationProblem(false)?.code).toBe('not_attended');
    expect(evaluationProblem(true)).toBeNull();
  });

  it('wants one answer per question, each an option of that question', () => {
    expect(answerErrors([0, 1, 2], [2, 3, 4])).toEqual([]);
    expect(answerErrors([0, 1], [2, 3, 4])).toEqual([
      { field: 'answers', message: expect.stringContaining('exactly 3') },
    ]);
    expect(answerErrors([2, 1, 4], [2, 3, 4])).toEqual([
      { field: 'answers.0', message: expect.any(String) },
      { field: 'answers.2', message: expect.any(String) },
    ]);
  });
});
