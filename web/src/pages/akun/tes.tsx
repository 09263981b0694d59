import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import type { Training } from '../../api/types';
import { Link, Loading, Notice, PageTitle } from '../../components/ui';
import { PILLARS, QUIZ_CLOSED, QUIZ_PHASES } from '../../i18n/id';
import { useRequireUser } from '../../require-user';
import { ownRegistration } from './own-registration';

type Quiz = components['schemas']['QuizForRegistrationDto'];
type Attempt = components['schemas']['QuizAttemptDto'];
type Phase = 'pre' | 'post';

const PHASES: Record<string, Phase> = { awal: 'pre', akhir: 'post' };

function Score({ attempt }: { attempt: Attempt }) {
  return (
    <div class="quiz-score" role="status">
      <p>
        Nilai {QUIZ_PHASES[attempt.phase].toLowerCase()} Anda:{' '}
        <strong class="quiz-score__value">{attempt.score}</strong> dari 100
      </p>
      <p>
        {attempt.correctCount} dari {attempt.questionCount} jawaban benar.
      </p>
    </div>
  );
}

/**
 * `/akun/tes/:eventId/:phase` (phase `awal` or `akhir`): the pre or post test of a training the person registered for.
 */
export function QuizPage({ eventId, phase: phasePath }: { eventId: string; phase: string }) {
  const user = useRequireUser();
  const phase = PHASES[phasePath];
  const [event, setEvent] = useState<Training | null>(null);
  const [quiz, setQuiz] = useState<Quiz | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [answers, setAnswers] = useState<(number | undefined)[]>([]);
  const [unanswered, setUnanswered] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Attempt | null>(null);
  const [busy, setBusy] = useState(false);

  const title = phase ? QUIZ_PHASES[phase] : 'Tes';
  useEffect(() => {
    document.title = `${title} · Bangga Macapat`;
    if (!user || !phase) return;
    void (async () => {
      try {
        api<Training>('GET', `/events/${eventId}`, { auth: false }).then(setEvent, () => undefined);
        const own = await ownRegistration(eventId).catch((err) => {
          if (err instanceof ApiError && err.status === 404) return null;
          throw err;
        });
        if (!own) {
          setClosed('Anda belum terdaftar di pelatihan ini.');
          return;
        }
        const q = await api<Quiz>('GET', `/registrations/${own.registration.id}/quiz?phase=${phase}`);
        setQuiz(q);
        setAnswers(q.questions.map(() => undefined));
        if (q.attempt) setResult(q.attempt);
        else if (!q.open)
          setClosed(
            QUIZ_CLOSED[q.closedReason ?? ''] ??
              errorMessage(new ApiError({ status: 422, code: q.closedReason ?? undefined })),
          );
      } catch (err) {
        if (err instanceof ApiError && err.code && QUIZ_CLOSED[err.code]) setClosed(QUIZ_CLOSED[err.code]);
        else setError(errorMessage(err));
      }
    })();
  }, [user?.id, eventId, phase]);

  if (!phase) {
    return (
      <>
        <PageTitle>Tes tidak ditemukan</PageTitle>
        <p>
          <Link href="/akun/tiket">Kembali ke Tiket saya</Link>
        </p>
      </>
    );
  }
  if (!user) return <Loading />;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!quiz) return;
    const missing = answers.flatMap((a, i) => (a === undefined ? [i] : []));
    setUnanswered(missing);
    if (missing.length) {
      setError(`Pertanyaan ${missing.map((i) => i + 1).join(', ')} belum dijawab.`);
      document.getElementById(`question-${missing[0]}`)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setResult(
        await api<Attempt>('POST', `/registrations/${quiz.registrationId}/quiz?phase=${phase}`, {
          body: { answers, version: quiz.version },
          idempotent: true,
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>
        {title}
        {event ? `: ${event.title}` : ''}
      </PageTitle>
      {quiz && (
        <p class="lead">
          Pilar {PILLARS[quiz.pillar]} · {quiz.questions.length} pertanyaan pilihan ganda · dikerjakan sekali
        </p>
      )}
      {result && (
        <>
          <Score attempt={result} />
          <p>
            <Link href="/akun/tiket">Kembali ke Tiket saya</Link>
          </p>
        </>
      )}
      {!result && closed && (
        <>
          <Notice kind="info">{closed}</Notice>
          <p>
            <Link href="/akun/tiket">Kembali ke Tiket saya</Link>
          </p>
        </>
      )}
      {!result && !closed && !quiz && !error && <Loading />}
      {!result && !closed && quiz && (
        <form onSubmit={submit} noValidate class="quiz-form">
          {quiz.questions.map((q, i) => (
            <fieldset
              key={i}
              id={`question-${i}`}
              tabIndex={-1}
              class={`quiz-question${unanswered.includes(i) ? ' field--error' : ''}`}
              aria-invalid={unanswered.includes(i) ? 'true' : undefined}
            >
              <legend>
                {i + 1}. {q.text}
              </legend>
              {q.options.map((o, j) => (
                <div class="check" key={j}>
                  <input
                    type="radio"
                    id={`q${i}-o${j}`}
                    name={`q${i}`}
                    checked={answers[i] === j}
                    onChange={() => {
                      setAnswers((a) => a.map((v, k) => (k === i ? j : v)));
                      setUnanswered((u) => u.filter((k) => k !== i));
                    }}
                  />
                  <label for={`q${i}-o${j}`}>{o}</label>
                </div>
              ))}
            </fieldset>
          ))}
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" class="button" disabled={busy}>
            Kirim jawaban
          </button>
        </form>
      )}
      {!quiz && error && <Notice kind="error">{error}</Notice>}
    </>
  );
}
