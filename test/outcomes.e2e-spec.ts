import { checkIn, moveEvent, startEventNow } from './support/attendance-factory.js';
import { inParallel } from './support/in-parallel.js';
import {
  answersScoring,
  evaluate,
  putQuiz,
  questionSet,
  registerSelf,
  type Self,
  selfParticipant,
  submitQuiz,
} from './support/outcomes-factory.js';
import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

/**
 * Learning outcomes (issue 16): a pillar's versioned question set, the pre-test (after registering, before
 * the training) and the post-test (after attending), each once, and one rating per attended training.
 */
describe('learning outcomes: question sets, pre/post tests and evaluations (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, partner: SignedIn;
  beforeAll(async () => {
    ({ t, staff, admin, partner } = await bootWithPersonas(['staff', 'admin', 'partner']));
    await putQuiz(t, staff, 'digital_safety');
  });
  afterAll(() => t?.close());

  /** A published digital_safety training two days ahead and a participant registered for it. */
  async function registered(
    overrides: Record<string, unknown> = {},
  ): Promise<{ eventId: string; registrationId: string; who: Self }> {
    const event = await createEvent(t, staff, { pillar: 'digital_safety', ...overrides });
    const who = await selfParticipant(t);
    const r = await registerSelf(t, who, event.id);
    return { eventId: event.id, registrationId: r.id, who };
  }

  async function attended(): Promise<{ eventId: string; registrationId: string; who: Self }> {
    const r = await registered();
    await startEventNow(t, r.eventId);
    expect((await checkIn(t, staff, r.eventId, { registrationId: r.registrationId })).status).toBe(201);
    return r;
  }

  describe('PUT /pillars/:pillar/quiz', () => {
    it('makes a new version on every PUT, for staff and admin', async () => {
      const first = await t.http.put(`${API}/pillars/digital_culture/quiz`).set(staff.auth).send(questionSet(5));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        pillar: 'digital_culture',
        version: 1,
        questions: questionSet(5).questions,
        createdAt: expect.any(String),
      });
      const second = await t.http
        .put(`${API}/pillars/digital_culture/quiz`)
        .set(admin.auth)
        .send(questionSet(15, Array(15).fill(3)));
      expect(second.status).toBe(200);
      expect(second.body.version).toBe(2);
      expect(second.body.questions).toHaveLength(15);
    });

    it('numbers concurrent versions of one pillar without a gap or a duplicate', async () => {
      const results = await inParallel(
        Array.from({ length: 6 }, (_, i) => i),
        6,
        () => t.http.put(`${API}/pillars/digital_ethics/quiz`).set(staff.auth).send(questionSet(6)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it.each([
      ['4 questions', questionSet(4), 'questions'],
      ['16 questions', questionSet(16), 'questions'],
      [
        'one option',
        { questions: questionSet(5).questions.map((q) => ({ ...q, options: ['Satu'] })) },
        'questions.0.options',
      ],
      [
        'seven options',
        { questions: questionSet(5).questions.map((q) => ({ ...q, options: ['1', '2', '3', '4', '5', '6', '7'] })) },
        'questions.0.options',
      ],
      [
        'a correct index past the options',
        {
          questions: questionSet(5).questions.map((q, i) =>
            i === 2 ? { ...q, options: ['a', 'b'], correctIndex: 3 } : q,
          ),
        },
        'questions.2.correctIndex',
      ],
      [
        'an empty question',
        { questions: questionSet(5).questions.map((q, i) => (i === 4 ? { ...q, text: '' } : q)) },
        'questions.4.text',
      ],
    ])('refuses %s (400) and keeps the current version', async (_name, body, field) => {
      const before = (
        await t.dataSource.query("SELECT COUNT(*) AS n FROM quiz_versions WHERE pillar = 'digital_skills'")
      )[0].n;
      const res = await t.http.put(`${API}/pillars/digital_skills/quiz`).set(staff.auth).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(
        (await t.dataSource.query("SELECT COUNT(*) AS n FROM quiz_versions WHERE pillar = 'digital_skills'"))[0].n,
      ).toBe(before);
    });

    it('refuses an unknown pillar (400), participants and partners (403) and anonymous callers (401)', async () => {
      expectProblem(await t.http.put(`${API}/pillars/digital_magic/quiz`).set(staff.auth).send(questionSet()), 400);
      const participant = await t.signIn('participant');
      expectProblem(
        await t.http.put(`${API}/pillars/digital_safety/quiz`).set(participant.auth).send(questionSet()),
        403,
      );
      expectProblem(await t.http.put(`${API}/pillars/digital_safety/quiz`).set(partner.auth).send(questionSet()), 403);
      expectProblem(await t.http.put(`${API}/pillars/digital_safety/quiz`).send(questionSet()), 401);
    });
  });

  describe('GET /pillars/:pillar/quiz/versions', () => {
    it('lists the versions newest first, with the correct answers, paginated, for staff and admin', async () => {
      const before = await t.http.get(`${API}/pillars/digital_culture/quiz/versions`).set(staff.auth);
      expect(before.status).toBe(200);
      const put = await t.http
        .put(`${API}/pillars/digital_culture/quiz`)
        .set(staff.auth)
        .send(questionSet(7, Array(7).fill(1)));
      expect(put.status).toBe(200);
      const res = await t.http.get(`${API}/pillars/digital_culture/quiz/versions`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ page: 1, limit: 20, total: before.body.meta.total + 1 });
      expect(res.body.data[0]).toEqual(put.body);
      expect(res.body.data[0].questions[0].correctIndex).toBe(1);
      const versions = res.body.data.map((v: { version: number }) => v.version);
      expect(versions).toEqual([...versions].sort((a, b) => b - a));
      const second = await t.http
        .get(`${API}/pillars/digital_culture/quiz/versions`)
        .query({ page: 2, limit: 1 })
        .set(staff.auth);
      expect(second.body.data).toHaveLength(before.body.meta.total >= 1 ? 1 : 0);
      if (before.body.meta.total >= 1) expect(second.body.data[0].version).toBe(put.body.version - 1);
    });

    it(
      'is empty for a pillar without a set, 400 for an unknown pillar, ' +
        '403 for participants and partners, 401 anonymous',
      async () => {
        const none = await t.http.get(`${API}/pillars/digital_skills/quiz/versions`).set(staff.auth);
        expect(none.status).toBe(200);
        // Every refused PUT above left digital_skills without a set.
        expect(none.body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0 } });
        expectProblem(await t.http.get(`${API}/pillars/digital_magic/quiz/versions`).set(staff.auth), 400);
        const participant = await t.signIn('participant');
        expectProblem(await t.http.get(`${API}/pillars/digital_safety/quiz/versions`).set(participant.auth), 403);
        expectProblem(await t.http.get(`${API}/pillars/digital_safety/quiz/versions`).set(partner.auth), 403);
        expectProblem(await t.http.get(`${API}/pillars/digital_safety/quiz/versions`), 401);
      },
    );
  });

  describe('GET /registrations/:id/quiz', () => {
    it('shows the owner the current questions without the correct answers', async () => {
      const { registrationId, who } = await registered();
      const res = await t.http.get(`${API}/registrations/${registrationId}/quiz`).query({ phase: 'pre' }).set(who.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        registrationId,
        phase: 'pre',
        pillar: 'digital_safety',
        open: true,
        closedReason: null,
        attempt: null,
      });
      expect(res.body.questions).toEqual(questionSet().questions.map(({ text, options }) => ({ text, options })));
      expect(JSON.stringify(res.body)).not.toContain('correctIndex');
      const post = await t.http
        .get(`${API}/registrations/${registrationId}/quiz`)
        .query({ phase: 'post' })
        .set(who.auth);
      expect(post.body).toMatchObject({ open: false, closedReason: 'not_attended' });
    });

    it("answers 404 for another participant's registration, 403 for staff, 400 without a phase", async () => {
      const { registrationId } = await registered();
      const other = await selfParticipant(t);
      expectProblem(
        await t.http.get(`${API}/registrations/${registrationId}/quiz`).query({ phase: 'pre' }).set(other.auth),
        404,
      );
      expectProblem(
        await t.http.get(`${API}/registrations/${registrationId}/quiz`).query({ phase: 'pre' }).set(staff.auth),
        403,
      );
      const { who } = await registered();
      expectProblem(await t.http.get(`${API}/registrations/${registrationId}/quiz`).set(who.auth), 400);
    });

    it('answers 404 quiz_not_set when the pillar has no question set', async () => {
      const event = await createEvent(t, staff, { pillar: 'digital_skills' });
      const who = await selfParticipant(t);
      const r = await registerSelf(t, who, event.id);
      const res = await t.http.get(`${API}/registrations/${r.id}/quiz`).query({ phase: 'pre' }).set(who.auth);
      expectProblem(res, 404);
      expect(res.body.code).toBe('quiz_not_set');
    });
  });

  describe('POST /registrations/:id/quiz', () => {
    it('scores the pre-test 0–100 and stores it once; a second try is 409 quiz_already_taken', async () => {
      const { registrationId, who } = await registered();
      const res = await submitQuiz(t, who, registrationId, 'pre', { answers: [0, 0, 0, 1, 2] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        phase: 'pre',
        correctCount: 3,
        questionCount: 5,
        score: 60,
        submittedAt: expect.any(String),
      });
      const again = await submitQuiz(t, who, registrationId, 'pre', { answers: [0, 0, 0, 0, 0] });
      expectProblem(again, 409);
      expect(again.body.code).toBe('quiz_already_taken');
      const view = await t.http
        .get(`${API}/registrations/${registrationId}/quiz`)
        .query({ phase: 'pre' })
        .set(who.auth);
      expect(view.body).toMatchObject({
        open: false,
        closedReason: 'quiz_already_taken',
        attempt: { score: 60, correctCount: 3 },
      });
    });

    it('takes exactly one of many concurrent attempts (the unique registration + phase index)', async () => {
      const { registrationId, who } = await registered();
      const results = await inParallel(
        Array.from({ length: 8 }, (_, i) => i),
        8,
        () => submitQuiz(t, who, registrationId, 'pre', { answers: answersScoring(40) }),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(7).fill(409)]);
      expect(
        Number(
          (
            await t.dataSource.query('SELECT COUNT(*) AS n FROM quiz_attempts WHERE registration_id = ?', [
              registrationId,
            ])
          )[0].n,
        ),
      ).toBe(1);
    });

    it('lets a waitlisted registration take the pre-test', async () => {
      const event = await createEvent(t, staff, { pillar: 'digital_safety', capacity: 1, waitlistEnabled: true });
      await registerSelf(t, await selfParticipant(t), event.id);
      const who = await selfParticipant(t);
      const r = await registerSelf(t, who, event.id);
      expect(r.status).toBe('waitlisted');
      expect((await submitQuiz(t, who, r.id, 'pre', { answers: answersScoring(100) })).status).toBe(201);
    });

    it('closes the pre-test when the training starts and for a cancelled registration (422 quiz_closed)', async () => {
      const started = await registered();
      await startEventNow(t, started.eventId);
      const late = await submitQuiz(t, started.who, started.registrationId, 'pre', { answers: answersScoring(40) });
      expectProblem(late, 422);
      expect(late.body.code).toBe('quiz_closed');

      const cancelled = await registered();
      expect(
        (await t.http.post(`${API}/registrations/${cancelled.registrationId}/cancel`).set(cancelled.who.auth)).status,
      ).toBe(200);
      const res = await submitQuiz(t, cancelled.who, cancelled.registrationId, 'pre', { answers: answersScoring(40) });
      expectProblem(res, 422);
      expect(res.body.code).toBe('quiz_closed');
      expect(
        Number(
          (
            await t.dataSource.query('SELECT COUNT(*) AS n FROM quiz_attempts WHERE registration_id IN (?, ?)', [
              started.registrationId,
              cancelled.registrationId,
            ])
          )[0].n,
        ),
      ).toBe(0);
    });

    it('opens the post-test only after attending (422 not_attended), then once', async () => {
      const r = await registered();
      await startEventNow(t, r.eventId);
      const early = await submitQuiz(t, r.who, r.registrationId, 'post', { answers: answersScoring(80) });
      expectProblem(early, 422);
      expect(early.body.code).toBe('not_attended');
      expect((await checkIn(t, staff, r.eventId, { registrationId: r.registrationId })).status).toBe(201);
      const ok = await submitQuiz(t, r.who, r.registrationId, 'post', { answers: answersScoring(80) });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ phase: 'post', score: 80 });
      expectProblem(await submitQuiz(t, r.who, r.registrationId, 'post', { answers: answersScoring(100) }), 409);
    });

    it('keeps the score and version of past attempts when the question set changes', async () => {
      const r = await registered({ pillar: 'digital_culture' });
      const v = await putQuiz(t, staff, 'digital_culture', questionSet(5, [0, 0, 0, 0, 0]));
      const pre = await submitQuiz(t, r.who, r.registrationId, 'pre', { answers: [0, 0, 0, 0, 0], version: v });
      expect(pre.body).toMatchObject({ score: 100, version: v });

      // The new version has other correct answers and more questions: the pre-test stays 100 on version v.
      const next = await putQuiz(t, staff, 'digital_culture', questionSet(6, [1, 1, 1, 1, 1, 1]));
      expect(next).toBe(v + 1);
      const view = await t.http
        .get(`${API}/registrations/${r.registrationId}/quiz`)
        .query({ phase: 'pre' })
        .set(r.who.auth);
      expect(view.body).toMatchObject({ version: next, attempt: { version: v, score: 100, questionCount: 5 } });
      expect(view.body.questions).toHaveLength(6);
      expect(
        (await t.dataSource.query('SELECT score FROM quiz_attempts WHERE registration_id = ?', [r.registrationId]))[0]
          .score,
      ).toBe(100);

      // The post-test is scored on the new version; answering from the old one is 409 quiz_changed.
      await startEventNow(t, r.eventId);
      await checkIn(t, staff, r.eventId, { registrationId: r.registrationId });
      const stale = await submitQuiz(t, r.who, r.registrationId, 'post', { answers: [0, 0, 0, 0, 0], version: v });
      expectProblem(stale, 409);
      expect(stale.body.code).toBe('quiz_changed');
      const post = await submitQuiz(t, r.who, r.registrationId, 'post', { answers: [1, 1, 1, 0, 0, 0], version: next });
      expect(post.body).toMatchObject({ score: 50, version: next, correctCount: 3, questionCount: 6 });
    });

    it('refuses answers that do not fit the questions (400) and changes nothing', async () => {
      const { registrationId, who } = await registered();
      for (const answers of [
        [0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 4],
        [0, 0, -1, 0, 0],
        [0, 0, 0.5, 0, 0],
        ['0', 0, 0, 0, 0],
      ]) {
        expectProblem(await submitQuiz(t, who, registrationId, 'pre', { answers }), 400);
      }
      expectProblem(await submitQuiz(t, who, registrationId, 'pre', {}), 400);
      expectProblem(
        await t.http
          .post(`${API}/registrations/${registrationId}/quiz`)
          .query({ phase: 'during' })
          .set(who.auth)
          .send({ answers: answersScoring(20) }),
        400,
      );
      expect(
        Number(
          (
            await t.dataSource.query('SELECT COUNT(*) AS n FROM quiz_attempts WHERE registration_id = ?', [
              registrationId,
            ])
          )[0].n,
        ),
      ).toBe(0);
    });

    it('is for the owner only: another participant 404, staff and partners 403, anonymous 401', async () => {
      const { registrationId } = await registered();
      const body = { answers: answersScoring(20) };
      expectProblem(await submitQuiz(t, await selfParticipant(t), registrationId, 'pre', body), 404);
      expectProblem(await submitQuiz(t, staff, registrationId, 'pre', body), 403);
      expectProblem(await submitQuiz(t, partner, registrationId, 'pre', body), 403);
      expectProblem(await t.http.post(`${API}/registrations/${registrationId}/quiz?phase=pre`).send(body), 401);
    });
  });

  describe('POST /registrations/:id/evaluation', () => {
    it('takes one rating with an optional comment after attending; a second is 409', async () => {
      const r = await attended();
      const res = await evaluate(t, r.who, r.registrationId, { rating: 5, comment: '  Sangat bermanfaat  ' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        registrationId: r.registrationId,
        rating: 5,
        comment: 'Sangat bermanfaat',
        createdAt: expect.any(String),
      });
      const again = await evaluate(t, r.who, r.registrationId, { rating: 1 });
      expectProblem(again, 409);
      expect(again.body.code).toBe('evaluation_already_given');
      const other = await attended();
      expect((await evaluate(t, other.who, other.registrationId, { rating: 3 })).body).toMatchObject({
        rating: 3,
        comment: null,
      });
    });

    it('takes one of concurrent ratings (the primary key)', async () => {
      const r = await attended();
      const results = await inParallel([1, 2, 3, 4, 5], 5, (rating) =>
        evaluate(t, r.who, r.registrationId, { rating }),
      );
      expect(results.map((x) => x.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('refuses a rating before attending (422 not_attended) and out of 1–5 (400)', async () => {
      const r = await registered();
      const early = await evaluate(t, r.who, r.registrationId, { rating: 4 });
      expectProblem(early, 422);
      expect(early.body.code).toBe('not_attended');
      const a = await attended();
      for (const rating of [0, 6, 4.5, '5', null])
        expectProblem(await evaluate(t, a.who, a.registrationId, { rating }), 400);
      expectProblem(await evaluate(t, a.who, a.registrationId, { rating: 4, comment: 'x'.repeat(2001) }), 400);
      expect(
        Number(
          (
            await t.dataSource.query('SELECT COUNT(*) AS n FROM evaluations WHERE registration_id IN (?, ?)', [
              r.registrationId,
              a.registrationId,
            ])
          )[0].n,
        ),
      ).toBe(0);
    });

    it('is for the owner only', async () => {
      const r = await attended();
      expectProblem(await evaluate(t, await selfParticipant(t), r.registrationId, { rating: 4 }), 404);
      expectProblem(await evaluate(t, staff, r.registrationId, { rating: 4 }), 403);
      expectProblem(await t.http.post(`${API}/registrations/${r.registrationId}/evaluation`).send({ rating: 4 }), 401);
    });
  });

  it(
    "puts tests and ratings in the participant's data export, " +
      'and erasure removes the comment but keeps the anonymous rating',
    async () => {
      const r = await registered();
      expect((await submitQuiz(t, r.who, r.registrationId, 'pre', { answers: answersScoring(40) })).status).toBe(201);
      await startEventNow(t, r.eventId);
      await checkIn(t, staff, r.eventId, { registrationId: r.registrationId });
      expect(
        (await evaluate(t, r.who, r.registrationId, { rating: 2, comment: 'Pak Budi terlalu cepat' })).status,
      ).toBe(201);
      const exported = await t.http.get(`${API}/me/participant/export`).set(r.who.auth);
      expect(exported.body.quizAttempts).toEqual([
        expect.objectContaining({
          registrationId: r.registrationId,
          phase: 'pre',
          score: 40,
          answers: answersScoring(40),
        }),
      ]);
      expect(exported.body.evaluations).toEqual([
        expect.objectContaining({ registrationId: r.registrationId, rating: 2, comment: 'Pak Budi terlalu cepat' }),
      ]);
      expect((await t.http.delete(`${API}/me/participant`).set(r.who.auth)).status).toBe(204);
      expect(
        await t.dataSource.query('SELECT rating, comment FROM evaluations WHERE registration_id = ?', [
          r.registrationId,
        ]),
      ).toEqual([{ rating: 2, comment: null }]);
    },
  );

  it('counts a training moved to the past as attended for the post-test once checked in', async () => {
    const r = await registered();
    await moveEvent(t, r.eventId, new Date(Date.now() - 5 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    expect((await checkIn(t, staff, r.eventId, { registrationId: r.registrationId })).status).toBe(201);
    expect((await submitQuiz(t, r.who, r.registrationId, 'post', { answers: answersScoring(60) })).status).toBe(201);
  });
});
