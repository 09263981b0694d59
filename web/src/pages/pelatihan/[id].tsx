import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Kecamatan, Page, Registration, Training } from '../../api/types';
import { Link, Loading, Notice, PageTitle } from '../../components/ui';
import { formatRange } from '../../format';
import { FORMATS, PILLARS } from '../../i18n/id';
import { forgetRegistration, pendingRegistration, rememberRegistration } from '../../pending';
import { kecamatanName, loadKecamatan } from '../../regions';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { NotFoundPage } from '../not-found';
import { seatsText } from './seats';

export function TrainingPage({ id }: { id: string }) {
  const session = useSession();
  const [training, setTraining] = useState<Training | null | 'missing'>(null);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [mine, setMine] = useState<Registration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = () =>
    api<Training>('GET', `/events/${encodeURIComponent(id)}`, { auth: false })
      .then((t) => {
        setTraining(t);
        document.title = `${t.title} · Bangga Macapat`;
      })
      .catch((err) =>
        err instanceof ApiError && (err.status === 404 || err.status === 400)
          ? setTraining('missing')
          : setError(errorMessage(err)),
      );

  useEffect(() => {
    void load();
    loadKecamatan()
      .then(setKecamatan)
      .catch(() => undefined);
  }, [id]);

  const participant = session.user?.role === 'participant';
  // The person's own registration for this training, if any.
  useEffect(() => {
    if (!participant) return setMine(null);
    api<Page<Registration>>('GET', '/me/registrations?limit=100')
      .then((page) => setMine(page.data.find((r) => r.eventId === id && r.status !== 'cancelled') ?? null))
      .catch(() => undefined);
  }, [participant, id, done]);

  const register = async () => {
    setError(null);
    if (!session.user) {
      rememberRegistration(id);
      return navigate(`/masuk?next=${encodeURIComponent(`/pelatihan/${id}`)}`);
    }
    setBusy(true);
    try {
      // Without a profile the API refuses: go and complete it first, then come back here.
      const hasProfile = await api('GET', '/me/participant').then(
        () => true,
        (err) => (err instanceof ApiError && err.status === 404 ? false : Promise.reject(err)),
      );
      if (!hasProfile) {
        rememberRegistration(id);
        return navigate(`/akun/profil?next=${encodeURIComponent(`/pelatihan/${id}`)}`);
      }
      const r = await api<Registration>('POST', `/events/${encodeURIComponent(id)}/registrations`, {
        body: {},
        idempotent: true,
      });
      forgetRegistration();
      setMine(r);
      setDone(true);
      void load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'profile_required') {
        rememberRegistration(id);
        return navigate(`/akun/profil?next=${encodeURIComponent(`/pelatihan/${id}`)}`);
      }
      if (err instanceof ApiError) forgetRegistration();
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // Back from logging in (and the profile): finish the registration the person started.
  useEffect(() => {
    if (participant && training && training !== 'missing' && pendingRegistration() === id && !busy) void register();
  }, [participant, training]);

  if (training === 'missing') return <NotFoundPage what="Pelatihan tidak ditemukan" />;
  if (!training) return error ? <Notice kind="error">{error}</Notice> : <Loading label="Memuat pelatihan…" />;

  const t = training;
  const place = kecamatanName(kecamatan, t.kecamatanCode);
  const url = `${window.location.origin}/pelatihan/${t.id}`;
  const message = `${t.title} — ${formatRange(t.startsAt, t.endsAt)}. Daftar di ${url}`;
  const share = `https://wa.me/?text=${encodeURIComponent(message)}`;
  const open =
    t.status === 'published' &&
    new Date(t.registrationClosesAt) > new Date() &&
    (!t.registrationOpensAt || new Date(t.registrationOpensAt) <= new Date());
  const full = t.seatsLeft <= 0;

  return (
    <article class="training">
      <p class="badges">
        <span class="badge">{PILLARS[t.pillar]}</span> <span class="badge badge--muted">{FORMATS[t.format]}</span>
      </p>
      <PageTitle>{t.title}</PageTitle>
      <dl class="facts">
        <dt>Waktu</dt>
        <dd>{formatRange(t.startsAt, t.endsAt)}</dd>
        {t.format !== 'online' && (
          <>
            <dt>Tempat</dt>
            <dd>{[t.venue, place && `Kec. ${place}`].filter(Boolean).join(', ') || 'Akan diumumkan'}</dd>
          </>
        )}
        {t.format !== 'offline' && (
          <>
            <dt>Tautan daring</dt>
            <dd>
              {t.onlineUrl ? (
                <a href={t.onlineUrl} rel="noopener noreferrer" target="_blank">
                  {t.onlineUrl}
                </a>
              ) : (
                'Dikirim kepada peserta terdaftar'
              )}
            </dd>
          </>
        )}
        {t.format === 'online' && place && (
          <>
            <dt>Kecamatan</dt>
            <dd>{place}</dd>
          </>
        )}
        {t.partners.length > 0 && (
          <>
            <dt>Bersama mitra</dt>
            <dd>{t.partners.map((p) => p.name).join(', ')}</dd>
          </>
        )}
        <dt>Kursi</dt>
        <dd class="seats">{seatsText(t)}</dd>
      </dl>

      <section class="register" aria-label="Pendaftaran">
        {error && <Notice kind="error">{error}</Notice>}
        {mine ? (
          <Notice kind="success">
            {mine.status === 'waitlisted' ? (
              <>Anda di daftar tunggu nomor {mine.waitlistPosition}. Kami kabari bila ada kursi kosong.</>
            ) : (
              <>
                Anda sudah terdaftar. Tiket Anda ada di <Link href="/akun/tiket">Tiket saya</Link>.
              </>
            )}
          </Notice>
        ) : open && (!full || t.waitlistEnabled) ? (
          <>
            {full && <p>Kursi sudah penuh: bila mendaftar, Anda masuk daftar tunggu.</p>}
            <button type="button" class="button" onClick={register} disabled={busy || session.status === 'loading'}>
              Daftar
            </button>
          </>
        ) : (
          <p>
            {t.status === 'published' && !open
              ? 'Pendaftaran tidak sedang dibuka.'
              : full
                ? 'Kursi sudah penuh.'
                : seatsText(t)}
          </p>
        )}
      </section>

      <section aria-labelledby="tentang">
        <h2 id="tentang">Tentang pelatihan</h2>
        {t.description.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </section>

      <p>
        <a class="button button--whatsapp" href={share} target="_blank" rel="noopener noreferrer">
          Bagikan ke WhatsApp
        </a>
      </p>
    </article>
  );
}
