/**
 * The head tags of the web app's HTML that link previews read (WhatsApp, Telegram and search engines
 * run no JavaScript), filled in by the server. Pure functions: the caller supplies the texts.
 */

import { formatIndonesianWhen } from '../common/indonesian-date.js';

export interface PageMeta {
  title: string;
  description: string;
  url: string;
  type: 'website' | 'article';
}

export const SITE_NAME = 'Bangga Macapat';
export const DEFAULT_DESCRIPTION =
  'Pelatihan literasi digital Gerakan Kabupaten Purbalingga Makin Cakap Digital: ' +
  'cari pelatihan, daftar, dan tunjukkan tiket Anda.';

/** The shell marks the tags to replace with these comments (web/index.html). */
const START = '<!--page-meta-->';
const END = '<!--/page-meta-->';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Whitespace collapsed and cut at a word near `max` characters, so previews show a clean sentence. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

export function metaTags(meta: PageMeta): string {
  const title = escapeHtml(meta.title);
  const description = escapeHtml(meta.description);
  return [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}">`,
    `<meta property="og:site_name" content="${SITE_NAME}">`,
    `<meta property="og:type" content="${meta.type}">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta property="og:url" content="${escapeHtml(meta.url)}">`,
    `<meta property="og:locale" content="id_ID">`,
  ].join('\n    ');
}

/** The shell with its marked head section replaced; a shell without the markers is returned unchanged. */
export function withPageMeta(shell: string, meta: PageMeta): string {
  const start = shell.indexOf(START);
  const end = shell.indexOf(END, start);
  if (start < 0 || end < 0) return shell;
  return `${shell.slice(0, start + START.length)}\n    ${metaTags(meta)}\n    ${shell.slice(end)}`;
}

/** `Senin, 7 Desember 2026 · 09.00 WIB`, always in Asia/Jakarta (the web app writes dates the same way). */
export function formatJakartaDateTime(at: Date): string {
  return formatIndonesianWhen(at, '·');
}

export interface PreviewedEvent {
  title: string;
  description: string;
  format: 'offline' | 'online' | 'hybrid';
  venue: string | null;
  startsAt: Date;
}

const FORMAT_LABELS: Record<PreviewedEvent['format'], string> = {
  offline: 'Luring',
  online: 'Daring',
  hybrid: 'Luring dan daring',
};

/** A training's preview: when and where first (what people decide on), then the start of its description. */
export function eventMeta(event: PreviewedEvent, url: string): PageMeta {
  const where =
    event.format !== 'online' && event.venue
      ? `${FORMAT_LABELS[event.format]} di ${event.venue}`
      : FORMAT_LABELS[event.format];
  const lead = `${formatJakartaDateTime(new Date(event.startsAt))} · ${where}.`;
  return {
    title: `${event.title} · ${SITE_NAME}`,
    description: excerpt(`${lead} ${event.description}`, 300),
    url,
    type: 'article',
  };
}
