import type { JSX } from 'preact';
import { api, ApiError, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import { saveBlob } from '../../download';

/** Shapes of the staff console, straight from the OpenAPI document (schema.d.ts, generated). */
export type EventBody = components['schemas']['CreateEventDto'];
export type EventPatch = components['schemas']['UpdateEventDto'];
export type Partner = components['schemas']['PartnerResponseDto'];
export type Attendance = components['schemas']['AttendanceResponseDto'];
export type AttendanceRow = components['schemas']['AttendanceRowDto'];
export type EventRegistration = components['schemas']['EventRegistrationResponseDto'];
export type Participant = components['schemas']['ParticipantResponseDto'];
export type ParticipantBody = components['schemas']['ParticipantBodyDto'];

const WIB = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as the date and time a staff member in Purbalingga types (WIB), whatever the zone of the
 * computer: `<input type=date>` and `<input type=time>` hold local wall-clock values without a zone.
 */
export function wibParts(at: string | null | undefined): { date: string; time: string } {
  if (!at) return { date: '', time: '' };
  const p = Object.fromEntries(WIB.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** A WIB date and time as the instant the API takes (`2026-12-01T09:00:00+07:00`); null when the date is empty. */
export function wibInstant(date: string, time: string): string | null {
  if (!date) return null;
  return `${date}T${time || '00:00'}:00+07:00`;
}

/** Field messages of the API error, in this form's own words where it has them. */
export function fieldErrors(err: unknown, words: Record<string, string>): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(Object.entries(err.fields).map(([field, fallback]) => [field, words[field] ?? fallback]));
}

/**
 * A download of a file the API only gives with the bearer token: still a link (its name and its address
 * for a screen reader and a new tab), fetched with the token on click and saved from a Blob.
 */
export function DownloadLink(props: {
  path: string;
  fallbackName: string;
  onError: (message: string) => void;
  class?: string;
  children: string;
}): JSX.Element {
  const click = async (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    try {
      const { blob, filename } = await api<{ blob: Blob; filename: string | null }>('GET', props.path, { file: true });
      saveBlob(blob, filename ?? props.fallbackName);
    } catch (err) {
      props.onError(errorMessage(err));
    }
  };
  return (
    <a href={`/api/v1${props.path}`} class={props.class} onClick={click}>
      {props.children}
    </a>
  );
}
