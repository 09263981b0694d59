import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../../../api/client';
import { Link, Notice, PageTitle, useOnline } from '../../../../components/ui';
import { formatTime } from '../../../../format';
import { PROBLEM_MESSAGES } from '../../../../i18n/id';
import { RoleGate } from '../../../../require-role';
import { loginPath } from '../../../../router';
import { prepareCamera, startCamera } from '../../../../scanner/camera';
import type { Verdict } from '../../../../scanner/decide';
import { Door, type DoorState, type QueuedScan } from '../../../../scanner/door';
import { signal } from '../../../../scanner/feedback';
import { WalkIn } from '../../../../scanner/walk-in';
import '../../../../scanner/door.css';

/** How often an open door asks for changes (other phones' scans, new registrations) while online. */
const REFRESH_MS = 60_000;
/**
 * A QR held in front of the camera is read many times a second: it is answered again only after this long out of sight.
 */
const SAME_CODE_MS = 3_000;

interface Answer {
  id: number;
  verdict: Verdict;
  /** The queued scan of an admitted ticket, to say whether it is only on the phone or already sent. */
  key: string | null;
  startedAt: number;
}

const WIB = (at: string) => `${formatTime(at)} WIB`;

function describe(v: Verdict): { ok: boolean; title: string; detail: string } {
  switch (v.kind) {
    case 'admit':
      return { ok: true, title: 'Silakan masuk', detail: v.ticket.participantName };
    case 'already':
      return {
        ok: false,
        title: 'Sudah hadir',
        detail: `${v.ticket.participantName} · tercatat pertama pukul ${WIB(v.firstAt)}`,
      };
    case 'waitlisted':
      return {
        ok: false,
        title: 'Masih di daftar tunggu',
        detail: `${v.ticket.participantName} · belum mendapat kursi`,
      };
    case 'cancelled':
      return { ok: false, title: 'Pendaftaran dibatalkan', detail: v.ticket.participantName };
    case 'other_event':
      return {
        ok: false,
        title: 'Tiket pelatihan lain',
        detail: `${v.ticket.participantName}${v.eventTitle ? ` · ${v.eventTitle}` : ''}`,
      };
    case 'closed':
      return {
        ok: false,
        title:
          v.reason === 'not_yet'
            ? 'Belum hari pelatihan'
            : v.reason === 'cancelled'
              ? 'Pelatihan dibatalkan'
              : 'Pelatihan belum terbit',
        detail:
          v.reason === 'not_yet'
            ? PROBLEM_MESSAGES.check_in_not_open
            : 'Pelatihan ini tidak menerima pencatatan kehadiran.',
      };
    case 'unknown':
      return { ok: false, title: 'Tiket tidak dikenal', detail: `Kode ${v.code} tidak ada di daftar pelatihan ini.` };
    case 'invalid':
      return { ok: false, title: 'Kode tiket tidak sah', detail: 'Kode tiket terdiri dari 10 huruf dan angka.' };
  }
}

function scanState(item: QueuedScan | undefined): string | null {
  if (!item) return null;
  if (item.state === 'queued') return 'Tersimpan di perangkat';
  if (item.state === 'sent') return 'Terkirim';
  return `Ditolak server: ${(PROBLEM_MESSAGES as Partial<Record<string, string>>)[item.problem ?? ''] ?? item.problem}`;
}

export function ScannerPage({ id }: { id: string }) {
  return <RoleGate roles={['staff', 'admin']}>{() => <Scanner id={id} />}</RoleGate>;
}

function Scanner({ id }: { id: string }) {
  const online = useOnline();
  const door = useMemo(() => new Door(id), [id]);
  const [state, setState] = useState<DoorState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [cameraError, setCameraError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | null>(null);
  const lastCode = useRef<{ code: string; at: number } | null>(null);
  const answers = useRef(0);
  const root = useRef<HTMLDivElement>(null);

  const refresh = async () => {
    try {
      await door.flush();
      await door.refresh();
      setRefreshError(null);
      prepareCamera();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setLoadError('Pelatihan tidak ditemukan.');
      else setRefreshError(errorMessage(err));
    }
  };

  // On a phone the navigation and the offline banner fill half the screen: the answer, the code field and
  // the buttons come first, within reach of one thumb.
  useEffect(() => root.current?.scrollIntoView({ block: 'start' }), []);

  useEffect(() => {
    const off = door.onChange(() => setState(door.state()));
    door.load().then(
      () => {
        if (navigator.onLine) void refresh();
      },
      () =>
        setLoadError(
          'Penyimpanan perangkat tidak dapat dibuka. Izinkan penyimpanan situs di peramban ini, lalu muat ulang.',
        ),
    );
    return () => {
      off();
      stopCamera.current?.();
    };
  }, [door]);

  // The network came back: send what waited, then take the other phones' changes.
  useEffect(() => {
    if (!online) return;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [online, door]);

  useLayoutEffect(() => {
    if (answer) performance.measure('door-answer', { start: answer.startedAt });
  }, [answer?.id]);

  const check = (raw: string) => {
    const startedAt = performance.now();
    const { verdict, saved } = door.scan(raw);
    const id = ++answers.current;
    setAnswer({ id, verdict, key: null, startedAt });
    signal(verdict.kind === 'admit');
    void saved.then((item) => {
      if (!item) return;
      performance.measure('door-saved', { start: startedAt });
      setAnswer((a) => (a && a.id === id ? { ...a, key: item.key } : a));
    });
    // Online, a code the phone does not know may be a registration made since the last download.
    if (verdict.kind === 'unknown' && navigator.onLine) {
      void door.refresh().then(
        () => {
          const again = door.scan(raw);
          if (again.verdict.kind === 'unknown') return;
          const next = ++answers.current;
          setAnswer({ id: next, verdict: again.verdict, key: null, startedAt: performance.now() });
          signal(again.verdict.kind === 'admit');
          void again.saved.then((item) => item && setAnswer((a) => (a && a.id === next ? { ...a, key: item.key } : a)));
        },
        () => undefined,
      );
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (!code.trim()) return;
    check(code);
    setCode('');
    input.current?.focus();
  };

  const toggleCamera = async () => {
    if (stopCamera.current) {
      stopCamera.current();
      stopCamera.current = null;
      setCamera('off');
      return;
    }
    setCameraError(null);
    setCamera('starting');
    try {
      stopCamera.current = await startCamera(video.current!, (read) => {
        const now = Date.now();
        const last = lastCode.current;
        lastCode.current = { code: read, at: now };
        // Still in front of the camera: the window runs from the last sighting, not from the answer.
        if (last && last.code === read && now - last.at < SAME_CODE_MS) return;
        check(read);
      });
      setCamera('on');
    } catch (err) {
      setCamera('off');
      const name = (err as { name?: string }).name;
      setCameraError(
        name === 'NotAllowedError'
          ? 'Izin kamera ditolak. Izinkan kamera untuk situs ini, atau ketik kode tiket.'
          : name === 'NotFoundError'
            ? 'Kamera tidak ditemukan di perangkat ini. Ketik kode tiket.'
            : !navigator.onLine
              ? 'Pembaca QR belum tersimpan di perangkat ini. Ketik kode tiket, ' +
                'atau nyalakan kamera sekali saat daring.'
              : 'Kamera tidak dapat dinyalakan. Ketik kode tiket.',
      );
    }
  };

  const shown = answer && describe(answer.verdict);
  const saveState = answer?.key ? scanState(door.scanOf(answer.key)) : null;

  return (
    <div class="door" ref={root}>
      <PageTitle>Pemindai pintu</PageTitle>
      {state?.title && <p class="lead">{state.title}</p>}
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {state && !state.hasList && !online && (
        <Notice kind="error">
          Daftar tiket pelatihan ini belum tersimpan di perangkat. Buka halaman ini sekali saat ada internet agar
          pemindai bisa bekerja tanpa internet.
        </Notice>
      )}
      {refreshError && !state?.hasList && <Notice kind="error">{refreshError}</Notice>}

      <div
        class={`door-answer${shown ? (shown.ok ? ' door-answer--ok' : ' door-answer--no') : ''}`}
        role="status"
        aria-live="assertive"
        aria-atomic="true"
      >
        {shown ? (
          <>
            <p class="door-answer__title">{shown.title}</p>
            <p class="door-answer__detail">{shown.detail}</p>
            {saveState && <p class="door-answer__sync">{saveState}</p>}
          </>
        ) : (
          <p class="door-answer__detail">Pindai QR tiket atau ketik kodenya.</p>
        )}
      </div>

      <video
        ref={video}
        class={camera === 'off' ? 'door-video door-video--off' : 'door-video'}
        muted
        playsInline
        aria-label="Tampilan kamera"
      />

      <form class="door-form" onSubmit={submit}>
        <label for="ticket-code">Kode tiket</label>
        <input
          id="ticket-code"
          ref={input}
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          enterKeyHint="go"
          autoFocus
          maxLength={20}
        />
        <button type="submit" class="button door-wide">
          Catat hadir
        </button>
      </form>

      <div class="door-camera">
        <button
          type="button"
          class="button button--secondary door-wide"
          onClick={() => void toggleCamera()}
          disabled={camera === 'starting'}
        >
          {camera === 'on' ? 'Matikan kamera' : 'Nyalakan kamera'}
        </button>
        {cameraError && <Notice kind="error">{cameraError}</Notice>}
      </div>

      {state && (
        <section class="door-sync" aria-labelledby="door-sync-title">
          <h2 id="door-sync-title">Pengiriman</h2>
          <p role="status">
            {state.queued > 0 ? (
              <>
                Tersimpan di perangkat · <strong class="door-count">{state.queued} belum terkirim</strong>
                {online ? ' · sedang dikirim' : ' · dikirim saat internet kembali'}
              </>
            ) : state.sent > 0 ? (
              <>Terkirim · semua {state.sent} pindaian sudah terkirim</>
            ) : (
              <>Belum ada pindaian dari perangkat ini.</>
            )}
          </p>
          {state.signedOut && (
            <Notice kind="error">
              Sesi Anda berakhir, jadi pindaian belum bisa dikirim (tetap tersimpan di perangkat).{' '}
              <Link href={loginPath()}>Masuk lagi</Link>
            </Notice>
          )}
          <p class="hint">
            {state.hasList
              ? `${state.ticketCount} tiket tersimpan di ` +
                `perangkat${state.lastSync ? ` · diperbarui pukul ${WIB(state.lastSync)}` : ''}.`
              : 'Daftar tiket belum tersimpan.'}
            {refreshError &&
              state.hasList &&
              online &&
              ' Daftar belum bisa diperbarui; pemindai tetap memakai daftar yang tersimpan.'}
          </p>
          {state.recent.length > 0 && (
            <ul class="door-recent">
              {state.recent.map((s) => (
                <li key={s.key}>
                  <span>
                    {s.participantName} · {WIB(s.scannedAt)}
                  </span>
                  <span class={`door-recent__state door-recent__state--${s.state}`}>{scanState(s)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section class="door-walkin" aria-labelledby="door-walkin-title">
        <h2 id="door-walkin-title">Peserta tanpa tiket</h2>
        <WalkIn eventId={id} online={online} onAdmitted={() => void door.refresh().catch(() => undefined)} />
      </section>

      <p>
        <Link href={`/staf/pelatihan/${id}`}>Kembali ke pelatihan</Link>
      </p>
    </div>
  );
}
