import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../../../api/client';
import type { components } from '../../../../api/schema';
import type { Training } from '../../../../api/types';
import { Field, Link, Loading, Notice, PageTitle } from '../../../../components/ui';
import { formatRange, formatTime } from '../../../../format';
import { FORMATS } from '../../../../i18n/id';
import { RoleGate, STAFF_ROLES } from '../../../../require-role';

type AttendanceCode = components['schemas']['AttendanceCodeResponseDto'];

const MAX_MINUTES = 240;

/** Minutes (rounded up) until `until`, 0 once passed. */
const minutesLeft = (until: string, now: number) => Math.max(0, Math.ceil((new Date(until).getTime() - now) / 60_000));

function AttendanceCodeView({ id }: { id: string }) {
  const [event, setEvent] = useState<Training | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [minutes, setMinutes] = useState('15');
  const [minutesError, setMinutesError] = useState<string | undefined>();
  const [code, setCode] = useState<AttendanceCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    api<Training>('GET', `/events/${id}`)
      .then((e) => {
        setEvent(e);
        document.title = `Kode hadir ${e.title} · Bangga Macapat`;
      })
      .catch((err) => setLoadError(errorMessage(err)));
  }, [id]);

  // The countdown only needs the minute; a tick every few seconds keeps the expiry exact enough on screen.
  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [code?.id]);

  const open = async (e: Event) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > MAX_MINUTES) {
      setMinutesError(`Isi 1 sampai ${MAX_MINUTES} menit.`);
      return;
    }
    setMinutesError(undefined);
    setError(null);
    setBusy(true);
    try {
      setCode(await api<AttendanceCode>('POST', `/events/${id}/attendance-codes`, { body: { validMinutes: n } }));
      setNow(Date.now());
    } catch (err) {
      if (err instanceof ApiError && err.fields.validMinutes) setMinutesError(`Isi 1 sampai ${MAX_MINUTES} menit.`);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <>
        <PageTitle>Kode hadir</PageTitle>
        <Notice kind="error">{loadError}</Notice>
      </>
    );
  }
  if (!event) return <Loading />;
  const left = code ? minutesLeft(code.validUntil, now) : 0;
  const expired = code !== null && left === 0;
  return (
    <>
      <PageTitle>Kode hadir: {event.title}</PageTitle>
      <p>
        {formatRange(event.startsAt, event.endsAt)} · {FORMATS[event.format]}
      </p>
      {event.format === 'offline' && (
        <Notice kind="info">
          Pelatihan luring dicatat dengan memindai tiket di pintu. Kode hadir hanya untuk pelatihan daring atau hibrida.
        </Notice>
      )}
      {code && (
        <section
          class={`attendance-code${expired ? ' attendance-code--expired' : ''}`}
          aria-labelledby="attendance-code-title"
        >
          <h2 id="attendance-code-title">Kode hadir</h2>
          <p class="attendance-code__value" aria-label={`Kode hadir ${code.code.split('').join(' ')}`}>
            {code.code}
          </p>
          <p class="attendance-code__until" role="status">
            {expired ? (
              <>Kode ini sudah tidak berlaku sejak pukul {formatTime(code.validUntil)} WIB.</>
            ) : (
              <>
                Berlaku sampai pukul <strong>{formatTime(code.validUntil)} WIB</strong> · sisa {left} menit
              </>
            )}
          </p>
          <p class="hint">
            Peserta memasukkan kode ini di halaman Tiket saya (masuk dulu dengan akunnya), lalu tercatat hadir dan bisa
            mengunduh sertifikat.
          </p>
        </section>
      )}
      <form class="form" onSubmit={open} noValidate>
        <Field
          id="code-minutes"
          label="Berlaku selama (menit)"
          error={minutesError}
          hint="Kode berlaku mulai sekarang. Membuka kode baru tidak membatalkan kode sebelumnya."
        >
          {(a11y) => (
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_MINUTES}
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
            />
          )}
        </Field>
        {error && <Notice kind="error">{error}</Notice>}
        <button type="submit" class="button" disabled={busy}>
          {code ? 'Buka kode baru' : 'Buka kode hadir'}
        </button>
      </form>
      <p>
        <Link href={`/staf/pelatihan/${id}`}>Kembali ke pelatihan</Link>
      </p>
    </>
  );
}

export function AttendanceCodePage({ id }: { id: string }) {
  return <RoleGate roles={STAFF_ROLES}>{() => <AttendanceCodeView id={id} />}</RoleGate>;
}
