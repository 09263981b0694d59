import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client';
import type { Page, User } from '../../api/types';
import { Field, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime, formatRange, jakartaToday } from '../../format';
import { BOOKING_STATUSES, WEEKDAYS } from '../../i18n/id';
import { RoleGate } from '../../require-role';
import {
  addDays,
  type Booking,
  type Closure,
  type CreateClosureBody,
  fromLocalInput,
  type OpeningHours,
  type Studio,
  studioFieldErrors,
  type StudioRulesBody,
  tooClose,
  withinOpeningHours,
} from '../../studio';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

export function StaffStudioPage() {
  useEffect(() => {
    document.title = 'Studio media center · Bangga Macapat';
  }, []);
  return <RoleGate roles={['staff', 'admin']}>{(user) => <StaffStudio user={user} />}</RoleGate>;
}

function StaffStudio({ user }: { user: User }) {
  const [studios, setStudios] = useState<Studio[] | null>(null);
  const [studioId, setStudioId] = useState('');
  const [message, setMessage] = useState<Message>(null);

  useEffect(() => {
    api<Page<Studio>>('GET', '/studios?limit=100').then(
      (page) => {
        setStudios(page.data);
        setStudioId((current) => current || page.data[0]?.id || '');
      },
      (err) => setMessage({ kind: 'error', text: errorMessage(err) }),
    );
  }, []);

  const studio = studios?.find((s) => s.id === studioId) ?? null;
  const saved = (s: Studio) => setStudios((list) => list?.map((x) => (x.id === s.id ? s : x)) ?? null);
  return (
    <>
      <PageTitle>Studio media center</PageTitle>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!studios && !message && <Loading label="Memuat studio…" />}
      {studios && studios.length === 0 && <p>Belum ada studio. Admin dapat membuatnya lewat API (POST /studios).</p>}
      {studios && studios.length > 1 && (
        <Field id="studio" label="Studio">
          {(a11y) => (
            <select {...a11y} value={studioId} onChange={(e) => setStudioId(e.currentTarget.value)}>
              {studios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div class="studio-page">
        {studio && <StudioDesk key={studio.id} studio={studio} canEditRules={user.role === 'admin'} onSaved={saved} />}
      </div>
    </>
  );
}

interface Desk {
  pending: Booking[];
  approved: Booking[];
  closures: Closure[];
}

function StudioDesk({
  studio,
  canEditRules,
  onSaved,
}: {
  studio: Studio;
  canEditRules: boolean;
  onSaved: (s: Studio) => void;
}) {
  const [desk, setDesk] = useState<Desk | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [rejecting, setRejecting] = useState<Booking | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    try {
      const since = addDays(jakartaToday(), -7);
      const [pending, approved, closures] = await Promise.all([
        api<Page<Booking>>('GET', `/bookings?studioId=${studio.id}&status=pending&sort=createdAt&limit=100`),
        api<Page<Booking>>('GET', `/bookings?studioId=${studio.id}&status=approved&from=${since}&limit=100`),
        api<Page<Closure>>('GET', `/studios/${studio.id}/closures?limit=100`),
      ]);
      setDesk({ pending: pending.data, approved: approved.data, closures: closures.data });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const act = async (b: Booking, path: string, done: string, body: object = {}) => {
    setBusy(b.id);
    setMessage(null);
    try {
      await api<Booking>('POST', `/bookings/${b.id}/${path}`, { body });
      setMessage({ kind: 'success', text: done });
    } catch (err) {
      setMessage({ kind: 'error', text: `${b.topic}: ${errorMessage(err)}` });
    } finally {
      setBusy(null);
      await load();
    }
  };

  const conflictsOf = (b: Booking, d: Desk) => {
    const bookings = [...d.pending, ...d.approved].filter((o) => o.id !== b.id && tooClose(b, o, studio.bufferMinutes));
    const closures = d.closures.filter((c) =>
      tooClose(b, { startsAt: String(c.startsAt), endsAt: String(c.endsAt) }, 0),
    );
    return { bookings, closures, outsideHours: !withinOpeningHours(studio.openingHours, b) };
  };

  const now = Date.now();
  return (
    <>
      <p class="lead">
        {studio.name}
        {studio.location ? ` · ${studio.location}` : ''}
        {studio.capacity ? ` · kapasitas ${studio.capacity} orang` : ''}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Menunggu keputusan{desk ? ` (${desk.pending.length})` : ''}</h2>
        <p class="hint">Pengajuan terlama di atas. Jeda antar jadwal di studio ini {studio.bufferMinutes} menit.</p>
        {!desk && !message && <Loading label="Memuat pengajuan…" />}
        {desk && desk.pending.length === 0 && <p>Tidak ada pengajuan yang menunggu.</p>}
        {desk && desk.pending.length > 0 && (
          <ul class="cards">
            {desk.pending.map((b) => {
              const clash = conflictsOf(b, desk);
              const hasClash = clash.bookings.length > 0 || clash.closures.length > 0 || clash.outsideHours;
              return (
                <li key={b.id} class={`card booking${hasClash ? ' booking--clash' : ''}`}>
                  <h3>{b.topic}</h3>
                  <p>
                    <strong>{b.partnerName}</strong> · {formatRange(b.startsAt, b.endsAt)}
                  </p>
                  {b.guestCount !== null && <p>Jumlah tamu: {b.guestCount}</p>}
                  {b.description && <p class="booking-description">{b.description}</p>}
                  <p class="hint">Diajukan {formatDateTime(b.createdAt)}</p>
                  {hasClash && (
                    <div class="conflicts" role="group" aria-label={`Bentrok: ${b.topic}`}>
                      <p>
                        <strong>Bentrok</strong>
                      </p>
                      <ul>
                        {clash.bookings.map((o) => (
                          <li key={o.id}>
                            {o.status === 'approved' ? 'Jadwal disetujui' : 'Pengajuan lain'}: {o.partnerName} ·{' '}
                            {o.topic} · {formatRange(o.startsAt, o.endsAt)}
                          </li>
                        ))}
                        {clash.outsideHours && <li>Di luar jam buka studio yang berlaku sekarang</li>}
                        {clash.closures.map((c) => (
                          <li key={c.id}>
                            Studio tutup: {c.reason} · {formatRange(String(c.startsAt), String(c.endsAt))}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  <div class="actions">
                    <button
                      type="button"
                      class="button"
                      disabled={busy === b.id}
                      onClick={() => act(b, 'approve', `Pengajuan "${b.topic}" disetujui.`)}
                    >
                      Setujui
                    </button>
                    <button
                      type="button"
                      class="button button--danger"
                      disabled={busy === b.id}
                      onClick={() => setRejecting(b)}
                    >
                      Tolak
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="approved-title">
        <h2 id="approved-title">Jadwal disetujui</h2>
        <p class="hint">Sejak 7 hari lalu. Setelah jadwal dimulai, catat hasilnya: selesai atau mitra tidak hadir.</p>
        {desk && desk.approved.length === 0 && <p>Belum ada jadwal yang disetujui.</p>}
        {desk && desk.approved.length > 0 && (
          <ul class="cards">
            {desk.approved.map((b) => (
              <li key={b.id} class="card booking">
                <h3>{b.topic}</h3>
                <p>
                  <strong>{b.partnerName}</strong> · {formatRange(b.startsAt, b.endsAt)}
                </p>
                <p>
                  Status:{' '}
                  <span class="badge booking-status booking-status--approved">{BOOKING_STATUSES[b.status]}</span>
                </p>
                {Date.parse(b.startsAt) <= now && (
                  <div class="actions">
                    <button
                      type="button"
                      class="button"
                      disabled={busy === b.id}
                      onClick={() => act(b, 'complete', `"${b.topic}" ditandai selesai.`)}
                    >
                      Tandai selesai
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      disabled={busy === b.id}
                      onClick={() => act(b, 'no-show', `"${b.topic}" ditandai tidak hadir.`)}
                    >
                      Tandai tidak hadir
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Rules studio={studio} canEdit={canEditRules} onSaved={onSaved} />
      <Closures studio={studio} closures={desk?.closures ?? null} onChanged={load} />

      <RejectDialog
        booking={rejecting}
        onCancel={() => setRejecting(null)}
        onReject={async (reason) => {
          const b = rejecting;
          setRejecting(null);
          if (b) await act(b, 'reject', `Pengajuan "${b.topic}" ditolak.`, { reason });
        }}
      />
    </>
  );
}

function RejectDialog(props: {
  booking: Booking | null;
  onReject: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.booking && !d.open) {
      setReason('');
      setError(undefined);
      d.showModal();
    }
    if (!props.booking && d.open) d.close();
  }, [props.booking]);
  const submit = (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 2) {
      setError('Tulis alasan penolakan agar mitra tahu (minimal 2 karakter).');
      return;
    }
    void props.onReject(reason.trim());
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="reject-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="reject-title">Tolak pengajuan?</h2>
      {props.booking && (
        <p>
          {props.booking.partnerName}: {props.booking.topic},{' '}
          {formatRange(props.booking.startsAt, props.booking.endsAt)}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field id="reject-reason" label="Alasan penolakan" error={error} hint="Alasan ini ditampilkan kepada mitra.">
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              maxLength={500}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="button button--danger">
            Kirim penolakan
          </button>
          <button type="button" class="button button--secondary" onClick={props.onCancel}>
            Batal
          </button>
        </div>
      </form>
    </dialog>
  );
}

const RULES: {
  key: keyof Omit<
    Studio,
    'id' | 'name' | 'location' | 'description' | 'capacity' | 'openingHours' | 'createdAt' | 'updatedAt'
  >;
  label: string;
  hint: string;
}[] = [
  {
    key: 'slotMinutes',
    label: 'Satuan waktu (menit)',
    hint: 'Jam mulai yang bisa dipilih: setiap sekian menit sejak jam buka.',
  },
  { key: 'bufferMinutes', label: 'Jeda antar jadwal (menit)', hint: 'Waktu kosong minimal di antara dua jadwal.' },
  { key: 'minNoticeHours', label: 'Pemberitahuan minimal (jam)', hint: 'Seberapa awal pengajuan harus masuk.' },
  {
    key: 'maxAdvanceDays',
    label: 'Batas pemesanan ke depan (hari)',
    hint: 'Seberapa jauh ke depan mitra boleh memesan.',
  },
  { key: 'maxDurationMinutes', label: 'Durasi terpanjang (menit)', hint: 'Lama satu jadwal paling banyak.' },
  {
    key: 'maxActiveBookingsPerPartner',
    label: 'Batas jadwal aktif per mitra',
    hint: 'Pengajuan dan jadwal disetujui yang belum lewat, per mitra.',
  },
];

/**
 * Hours typed as 24-hour HH:MM text: a time input shows AM/PM on a phone set to English, and cannot hold 24:00
 * (open until midnight), which the API accepts.
 */
const HHMM = {
  type: 'text',
  inputMode: 'numeric',
  pattern: '([01][0-9]|2[0-3]):[0-5][0-9]|24:00',
  maxLength: 5,
  placeholder: '08:00',
  required: true,
} as const;

/**
 * Opening hours (several ranges a day: the gaps are breaks) and the
 * booking rules; only admins may change them (PATCH /studios/:id).
 */
function Rules({ studio, canEdit, onSaved }: { studio: Studio; canEdit: boolean; onSaved: (s: Studio) => void }) {
  const [hours, setHours] = useState<OpeningHours[]>(studio.openingHours);
  const [rules, setRules] = useState(
    () => Object.fromEntries(RULES.map((r) => [r.key, String(studio[r.key])])) as Record<string, string>,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const byDay = (day: number) => hours.map((h, i) => ({ h, i })).filter((x) => x.h.weekday === day);

  if (!canEdit) {
    return (
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Jam buka dan aturan</h2>
        <p class="hint">Hanya admin yang dapat mengubah jam buka dan aturan studio.</p>
        <dl class="facts">
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Fragment key={d}>
              <dt>{WEEKDAYS[d]}</dt>
              <dd>
                {byDay(d).length === 0
                  ? 'Tutup'
                  : byDay(d)
                      .map(({ h }) => `${h.opens}–${h.closes}`)
                      .join(', ')}
              </dd>
            </Fragment>
          ))}
          {RULES.map((r) => (
            <Fragment key={r.key}>
              <dt>{r.label}</dt>
              <dd>{studio[r.key]}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
    );
  }

  const setRange = (i: number, part: 'opens' | 'closes', value: string) =>
    setHours(hours.map((h, j) => (j === i ? { ...h, [part]: value } : h)));
  const addRange = (day: number) => {
    const last = byDay(day).at(-1)?.h;
    setHours([
      ...hours,
      last
        ? {
            weekday: day,
            opens: last.closes,
            closes:
              last.closes < '23:00'
                ? `${String(Number(last.closes.slice(0, 2)) + 1).padStart(2, '0')}:${last.closes.slice(3)}`
                : '24:00',
          }
        : { weekday: day, opens: '08:00', closes: '16:00' },
    ]);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    const n = (key: string) => Number(rules[key]);
    const body: StudioRulesBody = {
      openingHours: hours,
      slotMinutes: n('slotMinutes'),
      bufferMinutes: n('bufferMinutes'),
      minNoticeHours: n('minNoticeHours'),
      maxAdvanceDays: n('maxAdvanceDays'),
      maxDurationMinutes: n('maxDurationMinutes'),
      maxActiveBookingsPerPartner: n('maxActiveBookingsPerPartner'),
    };
    try {
      const saved = await api<Studio>('PATCH', `/studios/${studio.id}`, { body });
      setHours(saved.openingHours);
      onSaved(saved);
      setMessage({ kind: 'success', text: 'Pengaturan studio disimpan.' });
    } catch (err) {
      setErrors(studioFieldErrors(err));
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Jam buka dan aturan</h2>
      <form class="form studio-rules" onSubmit={save} noValidate>
        <fieldset class="opening-hours" aria-describedby={errors.openingHours ? 'hours-error' : undefined}>
          <legend>Jam buka (WIB)</legend>
          <p class="hint">
            Beberapa rentang dalam satu hari: celah di antaranya adalah jam istirahat. Hari tanpa rentang: tutup.
          </p>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <div key={d} class="hours-day">
              <h3>{WEEKDAYS[d]}</h3>
              {byDay(d).length === 0 && <p class="hint">Tutup</p>}
              {byDay(d).map(({ h, i }, n) => (
                <div key={i} class="hours-range">
                  <label>
                    <span class="visually-hidden">
                      {WEEKDAYS[d]} rentang {n + 1},{' '}
                    </span>
                    buka
                    <input {...HHMM} value={h.opens} onInput={(e) => setRange(i, 'opens', e.currentTarget.value)} />
                  </label>
                  <label>
                    <span class="visually-hidden">
                      {WEEKDAYS[d]} rentang {n + 1},{' '}
                    </span>
                    tutup
                    <input {...HHMM} value={h.closes} onInput={(e) => setRange(i, 'closes', e.currentTarget.value)} />
                  </label>
                  <button
                    type="button"
                    class="button button--secondary button--small"
                    onClick={() => setHours(hours.filter((_, j) => j !== i))}
                  >
                    Hapus
                    <span class="visually-hidden">
                      {' '}
                      rentang {n + 1} hari {WEEKDAYS[d]}
                    </span>
                  </button>
                </div>
              ))}
              <button type="button" class="link-button add-range" onClick={() => addRange(d)}>
                + Tambah rentang<span class="visually-hidden"> hari {WEEKDAYS[d]}</span>
              </button>
            </div>
          ))}
          {errors.openingHours && (
            <p class="field-error" id="hours-error">
              {errors.openingHours}
            </p>
          )}
        </fieldset>
        <div class="rules-grid">
          {RULES.map((r) => (
            <Field key={r.key} id={`rule-${r.key}`} label={r.label} hint={r.hint} error={errors[r.key]}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={rules[r.key]}
                  onInput={(e) => setRules({ ...rules, [r.key]: e.currentTarget.value })}
                />
              )}
            </Field>
          ))}
        </div>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        <button type="submit" class="button" disabled={busy}>
          Simpan pengaturan
        </button>
      </form>
    </section>
  );
}

function Closures({
  studio,
  closures,
  onChanged,
}: {
  studio: Studio;
  closures: Closure[] | null;
  onChanged: () => Promise<void>;
}) {
  const [form, setForm] = useState({ startsAt: '', endsAt: '', reason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    const missing: Record<string, string> = {};
    if (!form.startsAt) missing.startsAt = 'Pilih waktu mulai.';
    if (!form.endsAt) missing.endsAt = 'Pilih waktu selesai.';
    if (Object.keys(missing).length) return setErrors(missing);
    setBusy(true);
    const body: CreateClosureBody = {
      startsAt: fromLocalInput(form.startsAt),
      endsAt: fromLocalInput(form.endsAt),
      reason: form.reason.trim(),
    };
    try {
      await api<Closure>('POST', `/studios/${studio.id}/closures`, { body });
      setForm({ startsAt: '', endsAt: '', reason: '' });
      setMessage({ kind: 'success', text: `Penutupan "${body.reason}" ditambahkan.` });
      await onChanged();
    } catch (err) {
      setErrors(studioFieldErrors(err));
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const remove = async (c: Closure) => {
    setMessage(null);
    try {
      await api('DELETE', `/studios/${studio.id}/closures/${c.id}`);
      setMessage({ kind: 'success', text: `Penutupan "${c.reason}" dihapus.` });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
    await onChanged();
  };

  const upcoming = closures?.filter((c) => Date.parse(String(c.endsAt)) > Date.now()) ?? null;
  return (
    <section class="card" aria-labelledby="closures-title">
      <h2 id="closures-title">Penutupan studio</h2>
      <p class="hint">
        Hari libur, perawatan alat, atau acara dinas: tidak ada jadwal yang bisa dipesan selama studio tutup.
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!upcoming && <Loading label="Memuat penutupan…" />}
      {upcoming && upcoming.length === 0 && <p>Tidak ada penutupan yang akan datang.</p>}
      {upcoming && upcoming.length > 0 && (
        <ul class="closures">
          {upcoming.map((c) => (
            <li key={c.id}>
              <span>
                <strong>{c.reason}</strong> · {formatRange(String(c.startsAt), String(c.endsAt))}
              </span>
              <button type="button" class="button button--secondary button--small" onClick={() => remove(c)}>
                Hapus<span class="visually-hidden"> penutupan {c.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form closure-form" onSubmit={add} noValidate>
        <h3>Tambah penutupan</h3>
        <Field id="closure-start" label="Mulai (WIB)" error={errors.startsAt}>
          {(a11y) => (
            <input
              {...a11y}
              type="datetime-local"
              value={form.startsAt}
              onInput={(e) => setForm({ ...form, startsAt: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="closure-end" label="Selesai (WIB)" error={errors.endsAt}>
          {(a11y) => (
            <input
              {...a11y}
              type="datetime-local"
              value={form.endsAt}
              onInput={(e) => setForm({ ...form, endsAt: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="closure-reason" label="Alasan" error={errors.reason}>
          {(a11y) => (
            <input
              {...a11y}
              value={form.reason}
              maxLength={300}
              onInput={(e) => setForm({ ...form, reason: e.currentTarget.value })}
            />
          )}
        </Field>
        <button type="submit" class="button" disabled={busy}>
          Tambah penutupan
        </button>
      </form>
    </section>
  );
}
