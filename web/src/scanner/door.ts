import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { api, ApiError, NetworkError } from '../api/client';
import type { components } from '../api/schema';
import type { Page, Training } from '../api/types';
import { decide, type DoorEvent, type DoorTicket, firstOf, jakartaDayStart, type Verdict } from './decide';

type CheckInList = components['schemas']['CheckInListResponseDto'];
type CheckInAnswer = components['schemas']['CheckInResponseDto'];

/** A check-in decided on the phone and not yet (or already) accepted by the server. */
export interface QueuedScan {
  /** Also the Idempotency-Key: a resend after a lost answer or a reload changes nothing on the server. */
  key: string;
  eventId: string;
  registrationId: string;
  ticketCode: string;
  participantName: string;
  /** When the ticket was scanned: sent as checkedInAt, so the server keeps the real time of arrival. */
  scannedAt: string;
  state: 'queued' | 'sent' | 'refused';
  /** The first check-in the server holds (another phone's earlier scan wins). */
  serverAt?: string;
  /** Problem code when the server refused it (the list on the phone was out of date). */
  problem?: string;
}

/** A downloaded check-in list: this training's, or another training's of the same day. */
interface KeptList {
  /** `doorOf|eventId`: each door keeps its own copy of a neighbour's list and its own `since`. */
  id: string;
  eventId: string;
  title: string;
  /** The training the door was opened for; its own list has doorOf === eventId. */
  doorOf: string;
  /** The server's generatedAt of the last download: sent back as `since`. */
  generatedAt: string;
  /** The training's status and start when downloaded: the door opens on its day only. */
  event: DoorEvent;
}

interface DoorDb extends DBSchema {
  tickets: { key: string; value: DoorTicket; indexes: { eventId: string } };
  lists: { key: string; value: KeptList; indexes: { doorOf: string } };
  queue: { key: string; value: QueuedScan; indexes: { eventId: string } };
}

const DB_NAME = 'bm-door';
/** Trainings of the same day whose tickets the door also keeps, to say "another training" offline. */
const OTHER_LISTS = 30;

let dbPromise: Promise<IDBPDatabase<DoorDb>> | null = null;
function db(): Promise<IDBPDatabase<DoorDb>> {
  dbPromise ??= openDB<DoorDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('tickets', { keyPath: 'ticketCode' }).createIndex('eventId', 'eventId');
      d.createObjectStore('lists', { keyPath: 'id' }).createIndex('doorOf', 'doorOf');
      d.createObjectStore('queue', { keyPath: 'key' }).createIndex('eventId', 'eventId');
    },
  });
  return dbPromise;
}

/** Jakarta's day around an instant, as the instants that bound it. */
function jakartaDay(at: string): { from: string; to: string } {
  const start = jakartaDayStart(at);
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000 - 1).toISOString() };
}

export interface DoorState {
  ready: boolean;
  /** This training's list is on the phone: the door can decide offline. */
  hasList: boolean;
  title: string | null;
  ticketCount: number;
  queued: number;
  sent: number;
  recent: QueuedScan[];
  lastSync: string | null;
  /** The server refused the session while sending: scans wait until someone signs in again. */
  signedOut: boolean;
}

/**
 * The door of one training: its tickets in memory (decisions take no I/O), kept in IndexedDB with the
 * queue of check-ins not yet sent, so a reload or a closed tab loses nothing.
 */
export class Door {
  private tickets = new Map<string, DoorTicket>();
  private titles = new Map<string, string>();
  private queue = new Map<string, QueuedScan>();
  private own: KeptList | null = null;
  private flushing: Promise<void> | null = null;
  private signedOut = false;
  private refreshing: Promise<void> | null = null;
  private listeners = new Set<() => void>();

  constructor(readonly eventId: string) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }

  state(): DoorState {
    const mine = [...this.queue.values()].filter((q) => q.eventId === this.eventId);
    return {
      ready: true,
      hasList: this.own !== null,
      title: this.own?.title ?? null,
      ticketCount: [...this.tickets.values()].filter((t) => t.eventId === this.eventId).length,
      queued: mine.filter((q) => q.state === 'queued').length,
      sent: mine.filter((q) => q.state === 'sent').length,
      recent: mine.sort((a, b) => b.scannedAt.localeCompare(a.scannedAt)).slice(0, 8),
      lastSync: this.own?.generatedAt ?? null,
      signedOut: this.signedOut,
    };
  }

  scanOf(key: string): QueuedScan | undefined {
    return this.queue.get(key);
  }

  /** Reads what the phone kept for this training: the door works from here on without a network. */
  async load(): Promise<void> {
    const d = await db();
    const lists = await d.getAllFromIndex('lists', 'doorOf', this.eventId);
    this.own = lists.find((l) => l.eventId === this.eventId) ?? null;
    for (const l of lists) {
      this.titles.set(l.eventId, l.title);
      for (const t of await d.getAllFromIndex('tickets', 'eventId', l.eventId)) this.tickets.set(t.ticketCode, t);
    }
    for (const q of await d.getAllFromIndex('queue', 'eventId', this.eventId)) this.queue.set(q.key, q);
    this.changed();
  }

  /** Decides at once from memory; an admitted scan is queued (and kept) before `saved` resolves. */
  scan(input: string, at = new Date()): { verdict: Verdict; saved: Promise<QueuedScan | null> } {
    const verdict = decide(
      this.eventId,
      input,
      (code) => this.tickets.get(code),
      (id) => this.titles.get(id) ?? null,
      this.own?.event ?? null,
      at.getTime(),
    );
    if (verdict.kind !== 'admit') return { verdict, saved: Promise.resolve(null) };
    const scannedAt = at.toISOString();
    const ticket: DoorTicket = { ...verdict.ticket, checkedInAt: scannedAt };
    this.tickets.set(ticket.ticketCode, ticket);
    const item: QueuedScan = {
      key: crypto.randomUUID(),
      eventId: this.eventId,
      registrationId: ticket.registrationId,
      ticketCode: ticket.ticketCode,
      participantName: ticket.participantName,
      scannedAt,
      state: 'queued',
    };
    this.queue.set(item.key, item);
    const saved = (async () => {
      const d = await db();
      const tx = d.transaction(['queue', 'tickets'], 'readwrite');
      await Promise.all([tx.objectStore('queue').put(item), tx.objectStore('tickets').put(ticket), tx.done]);
      this.changed();
      if (navigator.onLine) void this.flush();
      return item;
    })();
    return { verdict, saved };
  }

  /** Sends queued check-ins, oldest scan first; stops at the first network failure and tries again later. */
  flush(): Promise<void> {
    // Cleared in a later turn (finally), never before it is set, even when there is nothing to send.
    this.flushing ??= this.send().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async send(): Promise<void> {
    const waiting = [...this.queue.values()]
      .filter((q) => q.state === 'queued')
      .sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
    for (const item of waiting) {
      let next: QueuedScan;
      try {
        const answer = await api<CheckInAnswer>('POST', `/events/${item.eventId}/check-ins`, {
          body: { registrationId: item.registrationId, checkedInAt: item.scannedAt },
          idempotencyKey: item.key,
          background: true,
        });
        next = { ...item, state: 'sent', serverAt: String(answer.checkedInAt) };
        this.signedOut = false;
      } catch (err) {
        // Offline, signed out, or the server busy: the scan stays queued for the next try.
        if (err instanceof ApiError && err.status === 401) {
          this.signedOut = true;
          this.changed();
        }
        if (
          err instanceof NetworkError ||
          !(err instanceof ApiError) ||
          err.status === 401 ||
          err.status === 429 ||
          err.status >= 500
        )
          return;
        next = { ...item, state: 'refused', problem: err.code ?? String(err.status) };
      }
      this.queue.set(next.key, next);
      const d = await db();
      await d.put('queue', next);
      const ticket = this.tickets.get(item.ticketCode);
      if (ticket && next.serverAt) {
        const kept = { ...ticket, checkedInAt: next.serverAt };
        this.tickets.set(kept.ticketCode, kept);
        await d.put('tickets', kept);
      }
      this.changed();
    }
  }

  /**
   * Downloads this training's check-in list (only the changes since the last download once there is
   * one) and those of the other trainings of the same day.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.downloadAll().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async downloadAll(): Promise<void> {
    const event = await api<Training>('GET', `/events/${this.eventId}`, { background: true });
    await this.download(event);
    const day = jakartaDay(event.startsAt);
    const range = `from=${encodeURIComponent(day.from)}&to=${encodeURIComponent(day.to)}`;
    const others = await api<Page<Training>>('GET', `/events?status=published&${range}&limit=${OTHER_LISTS}`, {
      background: true,
    });
    for (const other of others.data) if (other.id !== this.eventId) await this.download(other);
    this.changed();
  }

  private async download({ id: eventId, title, status, startsAt }: Training): Promise<void> {
    const d = await db();
    const id = `${this.eventId}|${eventId}`;
    const kept = await d.get('lists', id);
    const since = kept ? `?since=${encodeURIComponent(kept.generatedAt)}` : '';
    const list = await api<CheckInList>('GET', `/events/${eventId}/check-in-list${since}`, { background: true });
    const tx = d.transaction(['tickets', 'lists'], 'readwrite');
    const tickets = tx.objectStore('tickets');
    const writes: Promise<unknown>[] = [];
    for (const row of list.data) {
      // The server's first check-in, unless this phone holds an earlier scan that is still on its way.
      const waiting = [...this.queue.values()].filter(
        (q) => q.registrationId === row.registrationId && q.state === 'queued',
      );
      let checkedInAt = row.checkedInAt === null ? null : String(row.checkedInAt);
      for (const q of waiting) checkedInAt = firstOf(checkedInAt, q.scannedAt);
      const ticket: DoorTicket = {
        eventId,
        registrationId: row.registrationId,
        ticketCode: row.ticketCode,
        participantName: row.participantName,
        status: row.status,
        checkedInAt,
      };
      this.tickets.set(ticket.ticketCode, ticket);
      writes.push(tickets.put(ticket));
    }
    const next: KeptList = {
      id,
      eventId,
      title,
      doorOf: this.eventId,
      generatedAt: String(list.generatedAt),
      event: { status, startsAt },
    };
    writes.push(tx.objectStore('lists').put(next));
    await Promise.all([...writes, tx.done]);
    this.titles.set(eventId, title);
    if (eventId === this.eventId) this.own = next;
  }
}
