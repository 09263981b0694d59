import type { Registration, Training } from './api/types';

/**
 * Tickets already loaded on /akun/tiket, kept on the phone of the signed-in user so the page still shows
 * them (QR code included) without a network. Only this user's tickets, removed at logout.
 */
export interface KeptTicket {
  registration: Registration;
  event: Pick<Training, 'id' | 'title' | 'startsAt' | 'endsAt' | 'format' | 'venue' | 'onlineUrl'> | null;
  /** The ticket's QR code as a data: URL (the PNG of GET /registrations/:id/ticket.png). */
  qr: string | null;
  attended: boolean;
}

const PREFIX = 'bm.tickets.';

export function keepTickets(userId: string, tickets: KeptTicket[]): void {
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify({ savedAt: new Date().toISOString(), tickets }));
  } catch {
    // Storage full or refused: the page still works online.
  }
}

export function keptTickets(userId: string): { savedAt: string; tickets: KeptTicket[] } | null {
  const raw = localStorage.getItem(PREFIX + userId);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { savedAt: string; tickets: KeptTicket[] };
  } catch {
    return null;
  }
}

export function clearOfflineTickets(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
}
