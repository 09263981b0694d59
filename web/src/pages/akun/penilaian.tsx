import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import type { Training } from '../../api/types';
import { Field, Link, Loading, Notice, PageTitle } from '../../components/ui';
import { QUIZ_CLOSED, RATING_LABELS } from '../../i18n/id';
import { useRequireUser } from '../../require-user';
import { ownRegistration } from './own-registration';

type Evaluation = components['schemas']['EvaluationResponseDto'];
type Given = { rating: number; comment: string | null };

/** `/akun/penilaian/:eventId`: rate an attended training 1–5 with an optional comment, once. */
export function EvaluationPage({ eventId }: { eventId: string }) {
  const user = useRequireUser();
  const [event, setEvent] = useState<Training | null>(null);
  const [registrationId, setRegistrationId] = useState<string | null>(null);
  const [given, setGiven] = useState<Given | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [ratingError, setRatingError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [justSent, setJustSent] = useState(false);

  useEffect(() => {
    document.title = 'Penilaian pelatihan · Bangga Macapat';
    if (!user) return;
    api<Training>('GET', `/events/${eventId}`, { auth: false }).then(setEvent, () => undefined);
    ownRegistration(eventId)
      .then((own) => {
        if (!own) return setClosed('Anda belum terdaftar di pelatihan ini.');
        const r = own.registration;
        const done = own.export.evaluations.find((e) => e.registrationId === r.id);
        if (done) setGiven(done);
        else if (!r.checkedInAt) setClosed(QUIZ_CLOSED.not_attended);
        setRegistrationId(r.id);
      })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) setClosed('Anda belum terdaftar di pelatihan ini.');
        else setError(errorMessage(err));
      });
  }, [user?.id, eventId]);

  if (!user) return <Loading />;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!registrationId) return;
    if (rating === null) {
      setRatingError('Pilih nilai 1 sampai 5.');
      return;
    }
    setRatingError(undefined);
    setError(null);
    setBusy(true);
    try {
      const saved = await api<Evaluation>('POST', `/registrations/${registrationId}/evaluation`, {
        body: { rating, comment: comment.trim() || null },
        idempotent: true,
      });
      setGiven(saved);
      setJustSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.fields.comment) setError('Komentar paling banyak 2.000 karakter.');
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p>
      <Link href="/akun/tiket">Kembali ke Tiket saya</Link>
    </p>
  );
  return (
    <>
      <PageTitle>Penilaian pelatihan{event ? `: ${event.title}` : ''}</PageTitle>
      {given && (
        <>
          <div role="status" class="notice notice--success">
            {justSent ? 'Terima kasih atas penilaian Anda. ' : 'Anda sudah memberi penilaian. '}
            Nilai Anda: <strong>{given.rating} dari 5</strong>
            {given.comment && <> · “{given.comment}”</>}
          </div>
          {back}
        </>
      )}
      {!given && closed && (
        <>
          <Notice kind="info">{closed}</Notice>
          {back}
        </>
      )}
      {!given && !closed && !registrationId && !error && <Loading />}
      {!given && !closed && error && !registrationId && <Notice kind="error">{error}</Notice>}
      {!given && !closed && registrationId && (
        <form onSubmit={submit} noValidate class="form">
          <fieldset
            class={`rating${ratingError ? ' field--error' : ''}`}
            aria-describedby={ratingError ? 'rating-error' : undefined}
          >
            <legend>Seberapa bermanfaat pelatihan ini?</legend>
            {[5, 4, 3, 2, 1].map((n) => (
              <div class="check" key={n}>
                <input
                  type="radio"
                  id={`rating-${n}`}
                  name="rating"
                  checked={rating === n}
                  onChange={() => setRating(n)}
                />
                <label for={`rating-${n}`}>{RATING_LABELS[n]}</label>
              </div>
            ))}
            {ratingError && (
              <p class="field-error" id="rating-error">
                {ratingError}
              </p>
            )}
          </fieldset>
          <Field id="comment" label="Komentar (boleh kosong)">
            {(a11y) => (
              <textarea
                {...a11y}
                rows={4}
                maxLength={2000}
                value={comment}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            )}
          </Field>
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" class="button" disabled={busy}>
            Kirim penilaian
          </button>
        </form>
      )}
    </>
  );
}
