import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Page, User } from '../../api/types';
import { ConfirmDialog, Field, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDay, formatRange, formatTime, jakartaToday } from '../../format';
import { BOOKING_STATUSES } from '../../i18n/id';
import { RoleGate } from '../../require-role';
import {
  addDays,
  type Availability,
  type Booking,
  type CreateBookingBody,
  mondayOf,
  type PartnerCalendarToken,
  type Slot,
  type Studio,
  studioFieldErrors,
  type UpdateBookingBody,
} from '../../studio';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** A slot button's name: its time and its day, as the button itself shows only the start time. */
const slotName = (slot: Slot, date: string) =>
  `${formatTime(slot.startsAt)}–${formatTime(slot.endsAt)} WIB, ${formatDay(date)}`;
type Confirming = { kind: 'cancel'; booking: Booking } | { kind: 'rotate' } | null;

export function PartnerStudioPage() {
  useEffect(() => {
    document.title = 'Jadwal studio · Bangga Macapat';
  }, []);
  return <RoleGate roles={['partner']}>{(user) => <PartnerStudio user={user} />}</RoleGate>;
}

function PartnerStudio({ user }: { user: User }) {
  const [studios, setStudios] = useState<Studio[] | null>(null);
  const [studioId, setStudioId] = useState<string>('');
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
  return (
    <>
      <PageTitle>Jadwal studio</PageTitle>
      <p class="lead">
        Pilih jadwal kosong studio media center Dinkominfo, lalu ajukan. Petugas akan menyetujui atau menolak pengajuan
        Anda.
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!user.partnerId && <Notice kind="error">Akun Anda belum terhubung dengan mitra. Hubungi admin.</Notice>}
      {!studios && !message && <Loading label="Memuat studio…" />}
      {studios && studios.length === 0 && <p>Belum ada studio yang bisa dipesan.</p>}
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
      <div class="studio-page studio-page--partner">
        {studio && user.partnerId && <StudioBooking key={studio.id} studio={studio} />}
        {user.partnerId && <CalendarLink partnerId={user.partnerId} />}
      </div>
    </>
  );
}

/** Durations on the studio's grid, up to its longest allowed booking. */
function durations(studio: Studio): number[] {
  const out: number[] = [];
  for (let m = studio.slotMinutes; m <= studio.maxDurationMinutes; m += studio.slotMinutes) out.push(m);
  return out;
}

const minutesLabel = (m: number) =>
  m % 60 === 0 ? `${m / 60} jam` : m > 60 ? `${Math.floor(m / 60)} jam ${m % 60} menit` : `${m} menit`;

function StudioBooking({ studio }: { studio: Studio }) {
  const choices = durations(studio);
  const [duration, setDuration] = useState(choices.includes(60) ? 60 : (choices[0] ?? studio.slotMinutes));
  const [monday, setMonday] = useState(() => mondayOf(jakartaToday()));
  const [week, setWeek] = useState<Availability[] | null>(null);
  const [weekError, setWeekError] = useState<string | null>(null);
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [selected, setSelected] = useState<Slot | null>(null);
  const [editing, setEditing] = useState<Booking | null>(null);
  const [form, setForm] = useState({ topic: '', description: '', guestCount: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<Message>(null);
  const [listMessage, setListMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const formRef = useRef<HTMLElement>(null);
  const loadId = useRef(0);

  const loadWeek = async () => {
    const id = ++loadId.current;
    setWeekError(null);
    try {
      const days = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6].map((i) =>
          api<Availability>(
            'GET',
            `/studios/${studio.id}/availability?date=${addDays(monday, i)}&duration=${duration}`,
          ),
        ),
      );
      // A later week (or duration) asked for meanwhile wins: answers may arrive out of order.
      if (id === loadId.current) setWeek(days);
    } catch (err) {
      if (id === loadId.current) setWeekError(errorMessage(err));
    }
  };
  const loadBookings = async () => {
    try {
      const page = await api<Page<Booking>>('GET', `/bookings?studioId=${studio.id}&limit=100`);
      const now = Date.now();
      const upcoming = page.data.filter((b) => Date.parse(b.endsAt) > now);
      const past = page.data.filter((b) => Date.parse(b.endsAt) <= now).reverse();
      setBookings([...upcoming, ...past]);
    } catch (err) {
      setListMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  useEffect(() => {
    setWeek(null);
    void loadWeek();
  }, [monday, duration]);
  useEffect(() => {
    void loadBookings();
  }, []);

  const choose = (slot: Slot) => {
    setSelected(slot);
    setFormMessage(null);
    // On a phone the form is below a long list of days: bring it (and the chosen time) into view.
    requestAnimationFrame(() => formRef.current?.focus());
  };

  const startEdit = (b: Booking) => {
    setEditing(b);
    setSelected(null);
    setErrors({});
    setFormMessage(null);
    setForm({
      topic: b.topic,
      description: b.description ?? '',
      guestCount: b.guestCount === null ? '' : String(b.guestCount),
    });
    requestAnimationFrame(() => formRef.current?.focus());
  };
  const stopEdit = () => {
    setEditing(null);
    setSelected(null);
    setErrors({});
    setForm({ topic: '', description: '', guestCount: '' });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!selected && !editing) {
      setFormMessage({ kind: 'error', text: 'Pilih dulu jadwal kosong di atas.' });
      return;
    }
    setBusy(true);
    setErrors({});
    setFormMessage(null);
    const details = {
      topic: form.topic.trim(),
      description: form.description.trim() || null,
      guestCount: form.guestCount.trim() === '' ? null : Number(form.guestCount),
    };
    try {
      if (editing) {
        const body: UpdateBookingBody = {
          ...details,
          ...(selected ? { startsAt: selected.startsAt, endsAt: selected.endsAt } : {}),
        };
        await api<Booking>('PATCH', `/bookings/${editing.id}`, { body });
        setListMessage({ kind: 'success', text: `Pengajuan "${details.topic}" diperbarui.` });
      } else if (selected) {
        const body: CreateBookingBody = {
          studioId: studio.id,
          startsAt: selected.startsAt,
          endsAt: selected.endsAt,
          ...details,
        };
        await api<Booking>('POST', '/bookings', { body, idempotent: true });
        setListMessage({
          kind: 'success',
          text: `Jadwal "${details.topic}" diajukan dan menunggu persetujuan petugas.`,
        });
      }
      stopEdit();
      await Promise.all([loadWeek(), loadBookings()]);
    } catch (err) {
      setErrors(studioFieldErrors(err));
      setFormMessage({ kind: 'error', text: errorMessage(err) });
      // The slot may have been taken meanwhile (or the rules changed): show the week as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
        setSelected(null);
        await loadWeek();
      }
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (b: Booking) => {
    setListMessage(null);
    try {
      await api<Booking>('POST', `/bookings/${b.id}/cancel`, { body: {} });
      setListMessage({ kind: 'success', text: `Jadwal "${b.topic}" dibatalkan.` });
      if (editing?.id === b.id) stopEdit();
      await Promise.all([loadWeek(), loadBookings()]);
    } catch (err) {
      setListMessage({ kind: 'error', text: errorMessage(err) });
      await loadBookings();
    }
  };

  const today = jakartaToday();
  const thisMonday = mondayOf(today);
  const lastDay = addDays(today, studio.maxAdvanceDays);
  const now = Date.now();
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  return (
    <>
      <section class="studio-week" aria-labelledby="week-title">
        <h2 id="week-title">Jadwal kosong</h2>
        <p class="hint">
          {studio.name}
          {studio.location ? ` · ${studio.location}` : ''}. Ajukan paling lambat {studio.minNoticeHours} jam sebelumnya,
          paling jauh {studio.maxAdvanceDays} hari ke depan.
        </p>
        <Field id="duration" label="Durasi">
          {(a11y) => (
            <select
              {...a11y}
              value={duration}
              onChange={(e) => {
                setSelected(null);
                setDuration(Number(e.currentTarget.value));
              }}
            >
              {choices.map((m) => (
                <option key={m} value={m}>
                  {minutesLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="week-nav">
          <button
            type="button"
            class="button button--secondary"
            disabled={monday <= thisMonday}
            onClick={() => setMonday(addDays(monday, -7))}
          >
            Minggu sebelumnya
          </button>
          <p aria-live="polite">
            {formatDay(monday).replace(/^\S+ /, '')} – {formatDay(addDays(monday, 6)).replace(/^\S+ /, '')}
          </p>
          <button
            type="button"
            class="button button--secondary"
            disabled={addDays(monday, 7) > lastDay}
            onClick={() => setMonday(addDays(monday, 7))}
          >
            Minggu berikutnya
          </button>
        </div>
        {weekError && <Notice kind="error">{weekError}</Notice>}
        {!week && !weekError && <Loading label="Memuat jadwal kosong…" />}
        {week && (
          <ol class="week">
            {week.map((day) => (
              <li key={day.date} class="week-day">
                <h3>{formatDay(day.date)}</h3>
                {day.slots.length === 0 ? (
                  <p class="hint">Tidak ada jadwal kosong.</p>
                ) : (
                  <ul class="slots">
                    {day.slots.map((slot) => (
                      <li key={slot.startsAt}>
                        <button
                          type="button"
                          class="slot"
                          aria-pressed={selected?.startsAt === slot.startsAt ? 'true' : 'false'}
                          onClick={() => choose(slot)}
                          aria-label={slotName(slot, day.date)}
                        >
                          {formatTime(slot.startsAt)}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="card studio-request" aria-labelledby="request-title" tabIndex={-1} ref={formRef}>
        <h2 id="request-title">{editing ? `Ubah pengajuan: ${editing.topic}` : 'Ajukan pemakaian studio'}</h2>
        <p class="chosen">
          {selected ? (
            <>
              Jadwal dipilih: <strong>{formatRange(selected.startsAt, selected.endsAt)}</strong>
            </>
          ) : editing ? (
            <>
              Jadwal sekarang: <strong>{formatRange(editing.startsAt, editing.endsAt)}</strong> (pilih jadwal kosong di
              atas untuk memindahkannya)
            </>
          ) : (
            'Belum ada jadwal dipilih: pilih jam mulai di daftar jadwal kosong.'
          )}
        </p>
        {formMessage && <Notice kind={formMessage.kind}>{formMessage.text}</Notice>}
        <form class="form" onSubmit={submit} noValidate>
          <Field id="topic" label="Topik" error={errors.topic}>
            {(a11y) => <input {...a11y} {...field('topic')} required maxLength={200} />}
          </Field>
          <Field
            id="description"
            label="Deskripsi"
            error={errors.description}
            hint="Tidak wajib: kebutuhan alat, susunan acara."
          >
            {(a11y) => <textarea {...a11y} {...field('description')} rows={3} maxLength={5000} />}
          </Field>
          <Field
            id="guestCount"
            label="Jumlah tamu"
            error={errors.guestCount}
            hint={studio.capacity ? `Kapasitas studio ${studio.capacity} orang.` : undefined}
          >
            {(a11y) => (
              <input
                {...a11y}
                {...field('guestCount')}
                type="number"
                inputMode="numeric"
                min={0}
                max={studio.capacity ?? 1000}
              />
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {editing ? 'Simpan perubahan' : 'Ajukan jadwal'}
            </button>
            {editing && (
              <button type="button" class="button button--secondary" onClick={stopEdit}>
                Batal ubah
              </button>
            )}
          </div>
        </form>
      </section>

      <section class="studio-bookings" aria-labelledby="mine-title">
        <h2 id="mine-title">Pengajuan saya</h2>
        {listMessage && <Notice kind={listMessage.kind}>{listMessage.text}</Notice>}
        {!bookings && !listMessage && <Loading label="Memuat pengajuan…" />}
        {bookings && bookings.length === 0 && <p>Belum ada pengajuan untuk studio ini.</p>}
        {bookings && bookings.length > 0 && (
          <ul class="cards">
            {bookings.map((b) => {
              const notStarted = Date.parse(b.startsAt) > now;
              return (
                <li key={b.id} class={`card booking booking--${b.status}`}>
                  <h3>{b.topic}</h3>
                  <p>{formatRange(b.startsAt, b.endsAt)}</p>
                  <p>
                    Status:{' '}
                    <span class={`badge booking-status booking-status--${b.status}`}>{BOOKING_STATUSES[b.status]}</span>
                  </p>
                  {b.statusReason && (
                    <p>
                      {b.status === 'rejected' ? 'Alasan penolakan' : 'Keterangan'}: {b.statusReason}
                    </p>
                  )}
                  {b.guestCount !== null && <p>Jumlah tamu: {b.guestCount}</p>}
                  {notStarted && (b.status === 'pending' || b.status === 'approved') && (
                    <div class="actions">
                      {b.status === 'pending' && (
                        <button
                          type="button"
                          class="button button--secondary"
                          onClick={() => startEdit(b)}
                          aria-label={`Ubah ${b.topic}`}
                        >
                          Ubah
                        </button>
                      )}
                      <button
                        type="button"
                        class="button button--danger"
                        onClick={() => setConfirming({ kind: 'cancel', booking: b })}
                      >
                        Batalkan
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={confirming?.kind === 'cancel'}
        title="Batalkan jadwal ini?"
        confirmLabel="Ya, batalkan"
        onConfirm={() => {
          const c = confirming;
          setConfirming(null);
          if (c?.kind === 'cancel') void cancel(c.booking);
        }}
        onCancel={() => setConfirming(null)}
      >
        {confirming?.kind === 'cancel' && (
          <p>
            {confirming.booking.topic}, {formatRange(confirming.booking.startsAt, confirming.booking.endsAt)}. Jadwal
            ini akan kosong lagi dan bisa dipesan mitra lain.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** The partner's own calendar feed: a webcal link for this device and a QR code for a phone. */
function CalendarLink({ partnerId }: { partnerId: string }) {
  const [feed, setFeed] = useState<PartnerCalendarToken | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [confirming, setConfirming] = useState(false);

  const show = async (token: PartnerCalendarToken) => {
    setFeed(token);
    setQr(
      await QRCode.toDataURL(`${window.location.origin}${token.feedPath}`, {
        margin: 2,
        width: 220,
        errorCorrectionLevel: 'M',
      }),
    );
  };
  useEffect(() => {
    api<PartnerCalendarToken>('GET', `/partners/${partnerId}/calendar-token`).then(show, (err) =>
      setMessage({ kind: 'error', text: errorMessage(err) }),
    );
  }, [partnerId]);

  const rotate = async () => {
    setConfirming(false);
    setMessage(null);
    try {
      await show(await api<PartnerCalendarToken>('POST', `/partners/${partnerId}/calendar-token/rotate`));
      setMessage({
        kind: 'success',
        text: 'Tautan kalender diganti. Tautan lama tidak berlaku lagi: berlangganan ulang dengan tautan baru.',
      });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  const https = feed ? `${window.location.origin}${feed.feedPath}` : '';
  const webcal = https.replace(/^https?:\/\//, 'webcal://');
  return (
    <section class="card calendar-feed" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Kalender di ponsel</h2>
      <p>Jadwal yang diajukan dan disetujui muncul di aplikasi kalender Anda dan diperbarui sendiri.</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!feed && !message && <Loading label="Memuat tautan kalender…" />}
      {feed && (
        <>
          <p>
            <a class="button" href={webcal}>
              Langganan kalender
            </a>
          </p>
          {qr && (
            <img
              class="calendar-qr"
              src={qr}
              width="220"
              height="220"
              alt="Kode QR tautan kalender: pindai dengan kamera ponsel"
            />
          )}
          <Field
            id="feed-url"
            label="Alamat kalender"
            hint="Untuk Google Calendar: Tambahkan kalender › Dari URL, lalu tempel alamat ini."
          >
            {(a11y) => <input {...a11y} readOnly value={https} onFocus={(e) => e.currentTarget.select()} />}
          </Field>
          <button type="button" class="button button--secondary" onClick={() => setConfirming(true)}>
            Ganti tautan kalender
          </button>
        </>
      )}
      <RotateDialog open={confirming} onConfirm={rotate} onCancel={() => setConfirming(false)} />
    </section>
  );
}

/**
 * A second confirmation on the page: its own title id, as
 * ConfirmDialog's is fixed and the cancel one is on the page too.
 */
function RotateDialog(props: { open: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="rotate-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="rotate-title">Ganti tautan kalender?</h2>
      <p>
        Ponsel yang sudah berlangganan dengan tautan lama berhenti menerima jadwal sampai berlangganan lagi dengan
        tautan baru.
      </p>
      <div class="actions">
        <button type="button" class="button button--danger" onClick={props.onConfirm}>
          Ya, ganti
        </button>
        <button type="button" class="button button--secondary" onClick={props.onCancel}>
          Batal
        </button>
      </div>
    </dialog>
  );
}
