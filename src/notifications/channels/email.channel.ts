import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { html, textWithUnsubscribe, trainingIcs } from '../templates.js';
import { type ChannelSender, type OutgoingMessage, redact, SendFailure } from './channel.js';

/** Network-level failures of nodemailer: the server could not be reached or dropped us; worth another try. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
  'ETLS',
]);

/**
 * The Message-ID of the one email a unique key (kind + subject + recipient + channel) may produce: every
 * attempt at it, a retry or a resend after a dispatcher died mid-send, carries the same one, so a receiving
 * mail system that already accepted it can drop the copy. A hash, so the header names no internal id.
 */
export function messageIdFor(uniqueKey: string): string {
  return `<${createHash('sha256').update(uniqueKey).digest('hex').slice(0, 40)}@banggamacapat.purbalinggakab.go.id>`;
}

/**
 * Email through SMTP (nodemailer, pooled connections), plain text and HTML, training messages with an .ics invitation.
 */
export class EmailChannel implements ChannelSender {
  private readonly transport: Transporter;

  /**
   * `connections`: the pool's size, one per send the dispatcher keeps
   * in flight (an SMTP connection carries one message at a time).
   */
  constructor(
    smtpUrl: string,
    private readonly from: string,
    connections: number,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, {
      pool: true,
      maxConnections: connections,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[1]);
  }

  async send(m: OutgoingMessage): Promise<void> {
    const unsubscribe = m.unsubscribeUrl ?? '';
    const event = m.payload.event;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.rendered.title,
        text: textWithUnsubscribe(m.rendered, unsubscribe),
        html: html(m.rendered, unsubscribe),
        messageId: messageIdFor(m.uniqueKey),
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        attachments: event
          ? [
              {
                filename: 'pelatihan.ics',
                content: trainingIcs(m.kind, event),
                contentType: 'text/calendar; charset=utf-8',
              },
            ]
          : [],
      });
    } catch (err) {
      const e = err as Error & { code?: string; responseCode?: number };
      // 5xx SMTP replies are permanent refusals (bad address, policy); 4xx and connection trouble are not.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      const retryable =
        !permanent && (e.responseCode !== undefined || TRANSIENT_CODES.has(e.code ?? '') || e.code === undefined);
      throw new SendFailure(redact(`smtp ${e.responseCode ?? e.code ?? 'error'}: ${e.message}`), retryable);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
