import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, NetworkError } from '../../api/client';
import type { components } from '../../api/schema';
import type { Page, ParticipantExport, Registration, Training } from '../../api/types';
import { ConfirmDialog, Field, Link, Loading, Notice, PageTitle } from '../../components/ui';
import { saveBlob } from '../../download';
import { formatDateTime, formatRange } from '../../format';
import { FORMATS, QUIZ_PHASE_PATHS, REGISTRATION_STATUSES } from '../../i18n/id';
import { type KeptTicket, keepTickets, keptTickets } from '../../offline-tickets';
import { useRequireUser } from '../../require-user';

const blobToDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** Tests taken and the rating given, per registration (from the person's export); not kept offline. */
interface Outcomes {
  pre?: number;
  post?: number;
  rating?: number;
}

/** Registrations with their trainings, QR codes and attendance, as one list the phone can keep. */
async function loadTickets(outcomes: Map<string, Outcomes>): Promise<KeptTicket[]> {
  const page = await api<Page<Registration>>('GET', '/me/registrations?limit=100');
  // Attendance is in the person's own export (registrations with checkedInAt); without a profile there is none.
  const attended = new Set<string>();
  await api<ParticipantExport>('GET', '/me/participant/export')
    .then((d) => {
      d.registrations.forEach((r) => r.checkedInAt && attended.add(r.id));
      const of = (id: string) => outcomes.get(id) ?? outcomes.set(id, {}).get(id)!;
      d.quizAttempts.forEach((a) => (of(a.registrationId)[a.phase] = a.score));
      d.evaluations.forEach((e) => (of(e.registrationId).rating = e.rating));
    })
    .catch((err) => {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    });
  const events = new Map<string, Training | null>();
  await Promise.all(
    [...new Set(page.data.map((r) => r.eventId))].map(async (id) => {
      events.set(id, await api<Training>('GET', `/events/${id}`, { auth: false }).catch(() => null));
    }),
  );
  return Promise.all(
    page.data.map(async (r): Promise<KeptTicket> => {
      const e = events.get(r.eventId) ?? null;
      const qr =
        r.status === 'cancelled'
          ? null
          : await api<Blob>('GET', `/registrations/${r.id}/ticket.png`, { blob: true })
              .then(blobToDataUrl)
              .catch(() => null);
      return {
        registration: r,
        event: e && {
          id: e.id,
          title: e.title,
          startsAt: e.startsAt,
          endsAt: e.endsAt,
          format: e.format,
          venue: e.venue,
          onlineUrl: e.onlineUrl,
        },
        qr,
        attended: attended.has(r.id) || Boolean(r.certificateNumber),
      };
    }),
  );
}

const ORDER: Record<string, number> = { confirmed: 0, waitlisted: 1, cancelled: 2 };

type CheckInAnswer = components['schemas']['CheckInResponseDto'];

/** Self check-in for a daring or hybrid training: the attendance code the organisers show in the session. */
function AttendanceCodeForm({ ticket, onCheckedIn }: { ticket: KeptTicket; onCheckedIn: (text: string) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `attendance-code-${ticket.registration.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!code.trim()) {
      setError('Tulis kode hadir dari panitia.');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await api<CheckInAnswer>('POST', `/events/${ticket.registration.eventId}/self-check-in`, {
        body: { code },
        idempotent: true,
      });
      onCheckedIn(`Anda tercatat hadir di ${ticket.event?.title ?? 'pelatihan ini'}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="self-check-in" onSubmit={submit} noValidate>
      <Field
        id={id}
        label="Kode hadir"
        error={error}
        hint="Untuk pelatihan daring: masukkan kode yang ditampilkan panitia saat pelatihan berlangsung."
      >
        {(a11y) => (
          <input
            {...a11y}
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={20}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="button" disabled={busy}>
        Kirim kode hadir
      </button>
    </form>
  );
}

export function TicketsPage() {
  const user = useRequireUser();
  const [tickets, setTickets] = useState<KeptTicket[] | null>(null);
  const [offlineSince, setOfflineSince] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [cancelling, setCancelling] = useState<KeptTicket | null>(null);
  const [outcomes, setOutcomes] = useState<Map<string, Outcomes>>(new Map());

  const refresh = async (userId: string) => {
    try {
      const found = new Map<string, Outcomes>();
      const list = await loadTickets(found);
      setOutcomes(found);
      list.sort(
        (a, b) =>
          ORDER[a.registration.status] - ORDER[b.registration.status] ||
          (a.event?.startsAt ?? '').localeCompare(b.event?.startsAt ?? ''),
      );
      setTickets(list);
      setOfflineSince(null);
      keepTickets(userId, list);
    } catch (err) {
      const kept = keptTickets(userId);
      if (err instanceof NetworkError && kept) {
        setTickets(kept.tickets);
        setOfflineSince(kept.savedAt);
      } else {
        setOutcomes(new Map());
        setMessage({ kind: 'error', text: errorMessage(err) });
      }
    }
  };

  useEffect(() => {
    document.title = 'Tiket saya · Bangga Macapat';
    if (user) void refresh(user.id);
  }, [user?.id]);

  if (!user) return <Loading />;

  const cancel = async () => {
    const t = cancelling;
    setCancelling(null);
    if (!t) return;
    setMessage(null);
    try {
      await api('POST', `/registrations/${t.registration.id}/cancel`);
      setMessage({ kind: 'success', text: `Pendaftaran ${t.event?.title ?? ''} dibatalkan.` });
      await refresh(user.id);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  const certificate = async (e: Event, t: KeptTicket) => {
    e.preventDefault();
    setMessage(null);
    try {
      // The certificate is issued on the first download: its number (and the file's name) comes with it.
      const pdf = await api<{ blob: Blob; filename: string | null }>(
        'GET',
        `/registrations/${t.registration.id}/certificate.pdf`,
        { file: true },
      );
      saveBlob(pdf.blob, pdf.filename ?? `sertifikat-${t.registration.ticketCode}.pdf`);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  return (
    <>
      <PageTitle>Tiket saya</PageTitle>
      {offlineSince && (
        <Notice kind="info">
          Tanpa internet: menampilkan tiket yang tersimpan di perangkat ini ({formatDateTime(offlineSince)}).
        </Notice>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!tickets && !message && <Loading label="Memuat tiket…" />}
      {tickets && tickets.length === 0 && (
        <p>
          Anda belum mendaftar pelatihan. <Link href="/">Cari pelatihan</Link>
        </p>
      )}
      {tickets && tickets.length > 0 && (
        <ul class="cards tickets">
          {tickets.map((t) => {
            const r = t.registration;
            const title = t.event?.title ?? 'Pelatihan';
            const done = outcomes.get(r.id) ?? {};
            // Mirrors the API's rules (GET /registrations/:id/quiz says the same): the test page explains any refusal.
            const online = !offlineSince;
            const active = r.status !== 'cancelled';
            const preOpen =
              online &&
              active &&
              t.event !== null &&
              Date.now() < new Date(t.event.startsAt).getTime() &&
              done.pre === undefined;
            const postOpen = online && t.attended && done.post === undefined;
            const rateOpen = online && t.attended && done.rating === undefined;
            const codeOpen =
              online && r.status === 'confirmed' && !t.attended && t.event !== null && t.event.format !== 'offline';
            return (
              <li key={r.id} class={`card ticket ticket--${r.status}`}>
                <h2>{t.event ? <Link href={`/pelatihan/${t.event.id}`}>{title}</Link> : title}</h2>
                {t.event && <p>{formatRange(t.event.startsAt, t.event.endsAt)}</p>}
                {t.event && (
                  <p>{t.event.format === 'online' ? FORMATS.online : (t.event.venue ?? FORMATS[t.event.format])}</p>
                )}
                <p class="status">
                  Status: <strong>{t.attended ? 'Hadir' : REGISTRATION_STATUSES[r.status]}</strong>
                  {r.status === 'waitlisted' && r.waitlistPosition !== null && (
                    <> · daftar tunggu nomor {r.waitlistPosition}</>
                  )}
                </p>
                {r.status !== 'cancelled' && (
                  <div class="ticket-code">
                    {t.qr && <img src={t.qr} alt={`Kode QR tiket ${r.ticketCode}`} width="180" height="180" />}
                    <p>
                      Kode tiket: <strong class="code">{r.ticketCode}</strong>
                    </p>
                  </div>
                )}
                {(done.pre !== undefined || done.post !== undefined || done.rating !== undefined) && (
                  <ul class="outcomes">
                    {done.pre !== undefined && <li>Tes awal: nilai {done.pre}</li>}
                    {done.post !== undefined && <li>Tes akhir: nilai {done.post}</li>}
                    {done.rating !== undefined && <li>Penilaian Anda: {done.rating} dari 5</li>}
                  </ul>
                )}
                {codeOpen && (
                  <AttendanceCodeForm
                    ticket={t}
                    onCheckedIn={(text) => {
                      setMessage({ kind: 'success', text });
                      void refresh(user.id);
                    }}
                  />
                )}
                <div class="actions">
                  {preOpen && (
                    <Link class="button button--secondary" href={`/akun/tes/${r.eventId}/${QUIZ_PHASE_PATHS.pre}`}>
                      Kerjakan tes awal
                    </Link>
                  )}
                  {postOpen && (
                    <Link class="button button--secondary" href={`/akun/tes/${r.eventId}/${QUIZ_PHASE_PATHS.post}`}>
                      Kerjakan tes akhir
                    </Link>
                  )}
                  {rateOpen && (
                    <Link class="button button--secondary" href={`/akun/penilaian/${r.eventId}`}>
                      Beri penilaian
                    </Link>
                  )}
                  {t.attended && (
                    <a
                      class="button button--secondary"
                      href={`/api/v1/registrations/${r.id}/certificate.pdf`}
                      onClick={(e) => certificate(e, t)}
                    >
                      Unduh sertifikat
                    </a>
                  )}
                  {r.status !== 'cancelled' && !t.attended && (
                    <button
                      type="button"
                      class="button button--danger"
                      onClick={() => setCancelling(t)}
                      disabled={Boolean(offlineSince)}
                    >
                      Batalkan
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={cancelling !== null}
        title="Batalkan pendaftaran?"
        confirmLabel="Ya, batalkan"
        onConfirm={cancel}
        onCancel={() => setCancelling(null)}
      >
        <p>
          Kursi Anda di {cancelling?.event?.title ?? 'pelatihan ini'} akan diberikan kepada orang berikutnya di daftar
          tunggu.
        </p>
      </ConfirmDialog>
    </>
  );
}
