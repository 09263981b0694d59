import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { rawInt } from '../database/raw-values.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { type ChannelSender, SendFailure, redact } from './channels/channel.js';
import { EmailChannel } from './channels/email.channel.js';
import { WhatsAppChannel } from './channels/whatsapp.channel.js';
import type { NotificationKind, NotificationPayload, OutboundChannel } from './notification-kinds.js';
import { Notification } from './notification.entity.js';
import { setOutboundChannels, sqlInstant } from './outbox.js';
import { NotificationSources } from './notification-sources.service.js';
import { UsersService } from '../users/users.service.js';
import { ReminderScheduler } from './reminders.js';
import { retryDelayMs, shouldRetry } from './retry-policy.js';
import { render } from './templates.js';
import { unsubscribeToken } from './unsubscribe-token.js';
import { API_BASE_PATH } from '../config/api-prefix.js';

interface ClaimedRow {
  id: string;
  kind: NotificationKind;
  channel: OutboundChannel;
  payload: string;
  recipient_user_id: string | null;
  recipient_participant_id: string | null;
  dedupe_key: string;
  /** Attempts including the one just claimed: the attempt's token, fencing every later mark of the row. */
  attempts: number;
  /** Where the row stands in this attempt: `claimed` until its send begins, then `sending`. */
  status: 'claimed' | 'sending';
}

/** Where one recipient can be reached, and whether they want to be. */
interface Address {
  ownerKey: string;
  email: string | null;
  phone: string | null;
  wantsEmail: boolean;
  wantsWhatsapp: boolean;
  gone: boolean;
}

const CLAIM_COLUMNS = 'id, kind, channel, payload, recipient_user_id, recipient_participant_id, dedupe_key, attempts';

/**
 * What a WhatsApp row interrupted mid-send says to staff (GET /notifications/failed). The Cloud API has
 * no idempotency key, so such a message is not sent again: it may have arrived, and twice is worse.
 */
export const INTERRUPTED_WHATSAPP =
  'interrupted: the sending process stopped during this WhatsApp send; ' +
  'it may or may not have arrived and is not sent again, so nobody gets it twice';

/**
 * Sends the outbox. Each row of an attempt goes pending → claimed → sending → sent | pending (retry) |
 * failed | skipped, every step its own committed statement, fenced by the attempt number (the attempt's
 * token: `attempts`, raised by the claim), so a dispatcher that lost its row changes nothing:
 *  - The claim is one short transaction: due rows are selected with FOR UPDATE SKIP LOCKED (MySQL/MariaDB:
 *    several dispatchers never take the same row and never wait on each other) and marked `claimed` with a
 *    lease. SQLite serves one process, whose claims run one at a time in the unit of work's queue.
 *  - Right before its provider call a row is marked `sending` (committed), and right after the answer
 *    `sent` (or rescheduled, or failed). So after a crash the database tells apart rows that were never
 *    handed to a provider (`claimed`: sent when the lease runs out, no copy can exist) from the few whose
 *    send was in flight (`sending`: the provider may or may not have accepted them).
 *  - An in-flight row whose lease ran out is not blindly resent; what is true depends on the channel:
 *    email is sent again under the same Message-ID, derived from the unique key (EmailChannel), which the
 *    receiving mail system uses to drop the copy if the first one did arrive; WhatsApp's Cloud API has no
 *    idempotency key (biz_opaque_callback_data is only echoed in status webhooks), so the row is marked
 *    failed with INTERRUPTED_WHATSAPP for staff: at most once rather than twice. In-app rows are written
 *    `sent` by the change itself, once per unique key, and never pass through here.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly senders = new Map<OutboundChannel, ChannelSender>();
  private readonly stop = new AbortController();
  private loop: Promise<void> | null = null;
  /** One claim-and-send round at a time per process. */
  private busy: Promise<number> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: ReminderScheduler,
    private readonly sources: NotificationSources,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    const n = this.config.notifications;
    if (n.smtpUrl) this.senders.set('email', new EmailChannel(n.smtpUrl, n.mailFrom, n.sendConcurrency));
    else this.logger.warn('SMTP_URL not set: email notifications are off (no email rows are written)');
    if (n.whatsapp)
      this.senders.set('whatsapp', new WhatsAppChannel(n.whatsapp.apiUrl, n.whatsapp.phoneNumberId, n.whatsapp.token));
    else
      this.logger.warn(
        'WHATSAPP_API_URL, WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID not set: WhatsApp notifications are off',
      );
    setOutboundChannels([...this.senders.keys()]);
  }

  onApplicationBootstrap(): void {
    if (this.config.notifications.dispatcher === 'in-process') this.start();
    else this.logger.log('notification dispatcher is off in this process (NOTIFICATIONS_DISPATCHER=off)');
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    // In-flight sends finish and are marked, so a normal stop leaves nothing to wait out a lease.
    await this.loop?.catch(() => undefined);
    await this.busy?.catch(() => undefined);
    await Promise.all([...this.senders.values()].map((s) => s.close()));
  }

  /**
   * Polls until the application stops: reminders once a minute,
   * then due rows, at once again while batches come back full.
   */
  start(): void {
    if (this.loop) return;
    this.logger.log(
      `notification dispatcher running (channels: in_app${[...this.senders.keys()].map((c) => `, ${c}`).join('')})`,
    );
    this.loop = (async () => {
      while (!this.stop.signal.aborted) {
        let processed = 0;
        try {
          await this.reminders.runIfDue();
          processed = await this.runOnce();
        } catch (err) {
          this.logger.warn(`notification round failed: ${(err as Error).message}`);
        }
        if (processed < this.config.notifications.batchSize) {
          await sleep(this.config.notifications.pollMs, undefined, { signal: this.stop.signal }).catch(() => undefined);
        }
      }
    })();
  }

  /** Claims one batch of due rows and sends them; returns how many were claimed. */
  runOnce(): Promise<number> {
    if (this.busy) return this.busy;
    this.busy = this.round().finally(() => (this.busy = null));
    return this.busy;
  }

  /** Runs rounds until nothing is due (tests and the worker's drain). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  private async round(): Promise<number> {
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    const addresses = await this.addresses(rows);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        await this.deliver(row, addresses);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.notifications.sendConcurrency, rows.length) }, worker));
    return rows.length;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const { batchSize, leaseSeconds } = this.config.notifications;
    // Only rows of channels this process can send: a worker without
    // SMTP settings leaves email rows to one that has them.
    const channels = [...this.senders.keys()];
    if (channels.length === 0) return [];
    return this.uow.run(null, async (em) => {
      const now = new Date();
      const lock = this.uow.isSqlite ? '' : ' FOR UPDATE SKIP LOCKED';
      const mine = `channel IN (${channels.map((c) => `'${c}'`).join(', ')})`;
      // One index-ordered scan per status rather than one IN + sort: InnoDB locks every row it reads before
      // a sort, which would hold far more rows than the batch against the other dispatchers.
      const due = (status: string, limit: number) =>
        em.query(
          `SELECT ${CLAIM_COLUMNS} FROM notifications WHERE status = ? ` +
            `AND next_attempt_at <= ? AND ${mine} ORDER BY next_attempt_at LIMIT ${limit}${lock}`,
          [status, sqlInstant(em, now)],
        ) as Promise<Omit<ClaimedRow, 'status'>[]>;
      // Pending rows, then claims a dead dispatcher never started, then sends a dead dispatcher left in flight.
      const rows = await due('pending', batchSize);
      if (rows.length < batchSize) rows.push(...(await due('claimed', batchSize - rows.length)));
      const inFlight = rows.length < batchSize ? await due('sending', batchSize - rows.length) : [];
      const interrupted = inFlight.filter((r) => r.channel === 'whatsapp');
      if (interrupted.length > 0) {
        await em.query(
          `UPDATE notifications SET status = 'failed', last_error = ?, ` +
            `next_attempt_at = NULL WHERE id IN (${interrupted.map(() => '?').join(', ')})`,
          [INTERRUPTED_WHATSAPP, ...interrupted.map((r) => r.id)],
        );
        this.logger.warn(
          `${interrupted.length} WhatsApp notification(s) ` +
            `interrupted mid-send by a stopped dispatcher: marked failed, not sent again`,
        );
      }
      // Email in flight is sent again: same Message-ID, so a copy that did arrive is dropped by the receiver.
      rows.push(...inFlight.filter((r) => r.channel !== 'whatsapp'));
      if (rows.length === 0) return [];
      const lease = sqlInstant(em, new Date(now.getTime() + leaseSeconds * 1000));
      await em.query(
        `UPDATE notifications SET status = 'claimed', attempts = attempts + 1, ` +
          `next_attempt_at = ? WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [lease, ...rows.map((r) => r.id)],
      );
      return rows.map((r) => ({ ...r, attempts: rawInt(r.attempts) + 1, status: 'claimed' as const }));
    });
  }

  /**
   * Commits `sending` (with a fresh lease) before the provider call; false when the row is no longer this
   * attempt's (its claim's lease ran out behind slow sends and another dispatcher took it).
   */
  private async begin(row: ClaimedRow): Promise<boolean> {
    const lease = new Date(Date.now() + this.config.notifications.leaseSeconds * 1000);
    const result = await this.write((em) =>
      em
        .createQueryBuilder()
        .update(Notification)
        .set({ status: 'sending', nextAttemptAt: lease })
        .where("id = :id AND status = 'claimed' AND attempts = :attempts", { id: row.id, attempts: row.attempts })
        .execute(),
    );
    if (result.affected !== 1) return false;
    row.status = 'sending';
    return true;
  }

  private async deliver(row: ClaimedRow, addresses: Map<string, Address>): Promise<void> {
    const sender = this.senders.get(row.channel)!;
    const address = addresses.get(
      row.recipient_participant_id ? `p:${row.recipient_participant_id}` : `u:${row.recipient_user_id}`,
    );
    const skip =
      !address || address.gone
        ? 'recipient no longer exists'
        : row.channel === 'email' && !address.email
          ? 'no email address'
          : row.channel === 'email' && !address.wantsEmail
            ? 'email turned off by the recipient'
            : row.channel === 'whatsapp' && !address.phone
              ? 'no phone number'
              : row.channel === 'whatsapp' && !address.wantsWhatsapp
                ? 'WhatsApp turned off by the recipient'
                : null;
    if (skip) return this.mark(row, 'skipped', skip);
    if (!(await this.begin(row))) return;
    try {
      const payload = JSON.parse(row.payload) as NotificationPayload;
      const token = unsubscribeToken(address!.ownerKey, this.config.jwtSecret);
      await sender.send({
        notificationId: row.id,
        uniqueKey: row.dedupe_key,
        kind: row.kind,
        payload,
        rendered: render(row.kind, payload),
        to: row.channel === 'email' ? address!.email! : address!.phone!,
        unsubscribeUrl: `${this.config.publicBaseUrl}${API_BASE_PATH}/notifications/unsubscribe?token=${token}`,
      });
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure(redact(`${(err as Error).message}`), false);
      if (shouldRetry(failure.retryable, row.attempts, this.config.notifications.maxAttempts)) {
        const { retryBaseMs, retryMaxMs } = this.config.notifications;
        return this.mark(
          row,
          'pending',
          failure.message,
          new Date(Date.now() + retryDelayMs(row.attempts, retryBaseMs, retryMaxMs)),
        );
      }
      this.logger.warn(
        `notification ${row.id} (${row.kind}, ${row.channel}) ` +
          `failed after ${row.attempts} attempt(s): ${failure.message}`,
      );
      return this.mark(row, 'failed', failure.message);
    }
    await this.mark(row, 'sent', null);
  }

  /** Ends this attempt of a row, only if the row is still this attempt's (see the class comment). */
  private async mark(
    row: ClaimedRow,
    status: 'sent' | 'pending' | 'failed' | 'skipped',
    error: string | null,
    retryAt?: Date,
  ): Promise<void> {
    const update = (em: EntityManager) =>
      em.query(
        `UPDATE notifications SET status = ?, last_error = ?, next_attempt_at = ?, ` +
          `sent_at = ? WHERE id = ? AND status = ? AND attempts = ?`,
        [
          status,
          error,
          retryAt ? sqlInstant(em, retryAt) : null,
          status === 'sent' ? sqlInstant(em, new Date()) : null,
          row.id,
          row.status,
          row.attempts,
        ],
      );
    // A row left `sending` by a database hiccup would later count as interrupted (a WhatsApp message that was
    // delivered reported failed, an email sent again), so a failed mark is tried again for a few seconds.
    for (const pause of [250, 1000, 3000]) {
      try {
        await this.write(update);
        return;
      } catch (err) {
        this.logger.warn(`marking notification ${row.id} ${status} failed, trying again: ${(err as Error).message}`);
        await sleep(pause);
      }
    }
    await this.write(update);
  }

  /**
   * One statement committed on its own. MySQL: autocommitted (one round trip, not three). SQLite's one
   * connection is shared with whatever transaction the unit of work is running, so there it waits its turn.
   */
  private write<T>(update: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.uow.isSqlite ? this.uow.run(null, update) : update(this.uow.dataSource.manager);
  }

  /** Addresses and preferences of a batch's recipients, three queries for the whole batch. */
  private async addresses(rows: ClaimedRow[]): Promise<Map<string, Address>> {
    const participantIds = [...new Set(rows.map((r) => r.recipient_participant_id).filter((id): id is string => !!id))];
    // Participants' and users' rows through their owners (one statement each for the batch, as before).
    const participants = await this.sources.participantContacts(participantIds);
    const userIds = [
      ...new Set(
        [...rows.map((r) => r.recipient_user_id), ...participants.map((p) => p.user_id)].filter(
          (id): id is string => !!id,
        ),
      ),
    ];
    const users = new Map((await this.users.contactRows(userIds)).map((u) => [u.id, u]));
    const ds = this.uow.dataSource;
    const owners = [...userIds.map((id) => `u:${id}`), ...participantIds.map((id) => `p:${id}`)];
    const prefs = new Map(
      (
        (owners.length === 0
          ? []
          : await ds.query(
              `SELECT owner_key, email, whatsapp FROM notification_preferences ` +
                `WHERE owner_key IN (${owners.map(() => '?').join(', ')})`,
              owners,
            )) as { owner_key: string; email: unknown; whatsapp: unknown }[]
      ).map((p) => [p.owner_key, p]),
    );
    const want = (owner: string) => ({
      wantsEmail: prefs.has(owner) ? Boolean(Number(prefs.get(owner)!.email)) : true,
      wantsWhatsapp: prefs.has(owner) ? Boolean(Number(prefs.get(owner)!.whatsapp)) : true,
    });
    const result = new Map<string, Address>();
    for (const p of participants) {
      const user = p.user_id ? users.get(p.user_id) : undefined;
      const ownerKey = p.user_id ? `u:${p.user_id}` : `p:${p.id}`;
      result.set(`p:${p.id}`, {
        ownerKey,
        email: p.email ?? user?.email ?? null,
        phone: p.phone ?? user?.phone ?? null,
        gone: p.erased_at !== null,
        ...want(ownerKey),
      });
    }
    for (const u of users.values()) {
      const ownerKey = `u:${u.id}`;
      result.set(ownerKey, { ownerKey, email: u.email, phone: u.phone, gone: !Number(u.is_active), ...want(ownerKey) });
    }
    return result;
  }
}
