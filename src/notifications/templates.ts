import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { JAKARTA_VTIMEZONE, jakartaDateTime, STUDIO_TIMEZONE } from '../common/jakarta-ical.js';
import { formatIndonesianWhen } from '../common/indonesian-date.js';
import type { EventFacts, NotificationKind, NotificationPayload } from './notification-kinds.js';

/**
 * The words of every notification, in Bahasa Indonesia, rendered from the row's payload when it is sent
 * (and when the in-app list is read). Pure: no database, no clock.
 */

export interface Rendered {
  title: string;
  /** Plain text body (in-app, email text part). */
  text: string;
  /** WhatsApp template parameters, in the order the approved template's body uses them. */
  whatsappParams: string[];
}

/** An instant as Jakarta wall time: "Selasa, 1 Desember 2026 pukul 09.00 WIB". */
export function whenWib(iso: string): string {
  return formatIndonesianWhen(new Date(iso));
}

const place = (e: EventFacts) => e.venue ?? 'daring (tautan di aplikasi Bangga Macapat)';

function eventText(kind: NotificationKind, p: NotificationPayload, e: EventFacts): Rendered {
  const when = whenWib(e.startsAt);
  const about = `"${e.title}" pada ${when}, tempat: ${place(e)}`;
  switch (kind) {
    case 'registration_confirmed':
      return r(
        `Pendaftaran terkonfirmasi: ${e.title}`,
        `Pendaftaran Anda untuk pelatihan ${about} sudah terkonfirmasi. Tunjukkan tiket QR Anda saat datang.`,
        [e.title, when, place(e)],
      );
    case 'registration_waitlisted':
      return r(
        `Masuk daftar tunggu: ${e.title}`,
        `Kuota pelatihan ${about} sudah penuh. Anda berada di daftar tunggu ` +
          `nomor ${p.waitlistPosition ?? '-'}; kami kabari bila ada kursi.`,
        [e.title, when, String(p.waitlistPosition ?? '-')],
      );
    case 'registration_promoted':
      return r(
        `Kursi tersedia: ${e.title}`,
        `Kabar baik! Anda naik dari daftar tunggu dan kini terdaftar di pelatihan ${about}.`,
        [e.title, when, place(e)],
      );
    case 'event_changed':
      return r(
        `Perubahan jadwal atau tempat: ${e.title}`,
        `Pelatihan "${e.title}" berubah. Jadwal dan tempat terbaru: ${when}, tempat: ${place(e)}.`,
        [e.title, when, place(e)],
      );
    case 'event_cancelled':
      return r(
        `Pelatihan dibatalkan: ${e.title}`,
        `Mohon maaf, pelatihan "${e.title}" pada ${when} dibatalkan. Alasan: ${p.reason ?? '-'}.`,
        [e.title, when, p.reason ?? '-'],
      );
    case 'event_reminder_day':
      return r(`Pengingat: besok ${e.title}`, `Jangan lupa, besok Anda mengikuti pelatihan ${about}.`, [
        e.title,
        when,
        place(e),
      ]);
    case 'event_reminder_2h':
      return r(
        `Pengingat: ${e.title} dimulai 2 jam lagi`,
        `Pelatihan ${about} dimulai sekitar dua jam lagi. Sampai jumpa!`,
        [e.title, when, place(e)],
      );
    case 'certificate_available':
      return r(
        `Sertifikat tersedia: ${e.title}`,
        `Terima kasih telah hadir di pelatihan "${e.title}". Sertifikat ` +
          `elektronik Anda sudah dapat diunduh di aplikasi Bangga Macapat.`,
        [e.title],
      );
    case 'event_message':
      return r(
        p.subject ?? `Pesan tentang ${e.title}`,
        `${p.body ?? ''}\n\n(Pesan dari panitia pelatihan "${e.title}", ${when}.)`,
        [e.title, p.subject ?? '', p.body ?? ''],
      );
    default:
      throw new Error(`no event template for ${kind}`);
  }
}

function r(title: string, body: string, whatsappParams: string[]): Rendered {
  return {
    title,
    text: `Halo,\n\n${body}\n\nSalam,\nBangga Macapat — Dinkominfo Kabupaten Purbalingga`,
    whatsappParams,
  };
}

export function render(kind: NotificationKind, p: NotificationPayload): Rendered {
  if (p.event) return eventText(kind, p, p.event);
  const b = p.booking;
  if (!b) throw new Error(`payload of ${kind} names neither an event nor a booking`);
  const when = `${whenWib(b.startsAt)} s.d. ${whenWib(b.endsAt)}`;
  const about = `"${b.topic}" di ${b.studioName}, ${when}`;
  switch (kind) {
    case 'booking_requested':
      return r(
        `Permintaan pemakaian studio: ${b.topic}`,
        `Ada permintaan pemakaian studio ${about} yang menunggu persetujuan.`,
        [b.topic, b.studioName, when],
      );
    case 'booking_approved':
      return r(`Pemakaian studio disetujui: ${b.topic}`, `Permintaan pemakaian studio ${about} disetujui.`, [
        b.topic,
        b.studioName,
        when,
      ]);
    case 'booking_rejected':
      return r(
        `Pemakaian studio ditolak: ${b.topic}`,
        `Permintaan pemakaian studio ${about} ditolak. Alasan: ${p.reason ?? '-'}.`,
        [b.topic, when, p.reason ?? '-'],
      );
    case 'booking_cancelled':
      return r(
        `Pemakaian studio dibatalkan: ${b.topic}`,
        `Pemakaian studio ${about} dibatalkan. Alasan: ${p.reason ?? '-'}.`,
        [b.topic, when, p.reason ?? '-'],
      );
    case 'booking_reminder_day':
      return r(`Pengingat: besok pemakaian studio ${b.topic}`, `Jangan lupa, besok Anda memakai studio ${about}.`, [
        b.topic,
        b.studioName,
        when,
      ]);
    default:
      throw new Error(`no booking template for ${kind}`);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email's HTML part: the text, paragraphs kept, and the unsubscribe link. */
export function html(rendered: Rendered, unsubscribeUrl: string): string {
  const paragraphs = rendered.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return (
    `<!doctype html><html lang="id"><body>\n${paragraphs}\n<hr><p ` +
    `style="font-size:12px;color:#666">Tidak ingin menerima email dari Bangga Macapat? ` +
    `<a href="${escapeHtml(unsubscribeUrl)}">Berhenti berlangganan email</a>.</p>\n</body></html>`
  );
}

export function textWithUnsubscribe(rendered: Rendered, unsubscribeUrl: string): string {
  return `${rendered.text}\n\n--\nBerhenti menerima email dari Bangga Macapat: ${unsubscribeUrl}\n`;
}

/**
 * The training as an iCalendar invitation (attached to training emails), so it lands in the
 * recipient's calendar; a cancellation is sent as METHOD:CANCEL of the same UID.
 */
export function trainingIcs(kind: NotificationKind, e: EventFacts): string {
  const cancelled = kind === 'event_cancelled';
  const calendar = new ICalCalendar({
    prodId: { company: 'Dinkominfo Kabupaten Purbalingga', product: 'Bangga Macapat', language: 'ID' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    timezone: { name: STUDIO_TIMEZONE, generator: () => JAKARTA_VTIMEZONE },
  });
  calendar.createEvent({
    id: `${e.eventId}@banggamacapat.purbalinggakab.go.id`,
    start: jakartaDateTime(new Date(e.startsAt)),
    end: jakartaDateTime(new Date(e.endsAt)),
    timezone: STUDIO_TIMEZONE,
    summary: e.title,
    location: e.venue ?? undefined,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(),
  });
  return calendar.toString();
}
