import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real receiving ends for the notification channels: an SMTP server (smtp-server) that parses every
 * message it accepts (mailparser), and an HTTP server that plays the WhatsApp Cloud API's message
 * endpoint, checks each request's shape and answers what the test tells it to. Both tell which sender
 * a message came from (SMTP login name; WhatsApp bearer token), how many of its messages they hold
 * unanswered, and call `onReceive` as a message arrives, so a test can kill a sender exactly while its
 * message has been taken but not yet answered.
 */

export interface MailSink {
  url: string;
  port: number;
  /**
   * The mailbox: one message per Message-ID, as a receiving mail system that drops duplicates keeps it
   * (Gmail does; elsewhere a Sieve `duplicate` rule or a client's duplicate filter). A copy is still
   * accepted at the SMTP level (250) and counted in `copies`.
   */
  messages: ParsedMail[];
  /** Every message accepted at the SMTP level, duplicates included, per Message-ID. */
  copies: Map<string, number>;
  /** Messages taken (stored) but not yet answered with 250, per SMTP login name ('' without one). */
  inFlight: Map<string, number>;
  onReceive?: (sender: string) => void;
  /** `smtp://sender:x@…`: the URL a sender named `sender` uses, so the sink can tell senders apart. */
  urlFor(sender: string): string;
  /** Stops accepting connections (the "SMTP outage"); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** `delayMs`: how long the server takes over each message before it answers (keeps sends in flight). */
export async function startMailSink(port = 0, delayMs = 0): Promise<MailSink> {
  const messages: ParsedMail[] = [];
  const copies = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let server: SMTPServer;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // On stop, open connections are cut (421) at once instead of after 30 s: a real outage.
      closeTimeout: 100,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        const sender = typeof session.user === 'string' ? session.user : '';
        simpleParser(stream).then(
          (mail) => {
            const id = mail.messageId ?? '';
            const seen = copies.get(id) ?? 0;
            copies.set(id, seen + 1);
            if (seen === 0 || id === '') messages.push(mail);
            inFlight.set(sender, (inFlight.get(sender) ?? 0) + 1);
            sink.onReceive?.(sender);
            setTimeout(() => {
              inFlight.set(sender, inFlight.get(sender)! - 1);
              callback();
            }, delayMs);
          },
          (err: Error) => callback(err),
        );
      },
    });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = make();
      server.on('error', () => undefined);
      server.server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const actual = await listen(port);
  const sink: MailSink = {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    copies,
    inFlight,
    urlFor: (sender) => `smtp://${encodeURIComponent(sender)}:x@127.0.0.1:${actual}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: async () => {
      await listen(actual);
    },
  };
  return sink;
}

export interface WhatsAppRequest {
  path: string;
  authorization: string | undefined;
  body: {
    messaging_product: string;
    to: string;
    type: string;
    template: {
      name: string;
      language: { code: string };
      components: { type: string; parameters: { type: string; text: string }[] }[];
    };
  };
}

export interface WhatsAppSink {
  url: string;
  requests: WhatsAppRequest[];
  /** Requests taken (and recorded) but not yet answered, per bearer token. */
  inFlight: Map<string, number>;
  onReceive?: (token: string) => void;
  /** Answers for the next requests, in order (then 200): e.g. [429, 500] or [400]. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startWhatsAppSink(delayMs = 0): Promise<WhatsAppSink> {
  const requests: WhatsAppRequest[] = [];
  const inFlight = new Map<string, number>();
  const queued: number[] = [];
  const server: Server = createServer((req, res) => {
    readBody(req).then(
      async (text) => {
        const status = queued.shift() ?? 200;
        const body = JSON.parse(text) as WhatsAppRequest['body'];
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (status === 200) requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        inFlight.set(token, (inFlight.get(token) ?? 0) + 1);
        sink.onReceive?.(token);
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        inFlight.set(token, inFlight.get(token)! - 1);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify(
            status === 200
              ? {
                  messaging_product: 'whatsapp',
                  contacts: [{ input: body.to, wa_id: body.to.replace('+', '') }],
                  messages: [{ id: `wamid.${requests.length}` }],
                }
              : {
                  error: {
                    message:
                      status === 429
                        ? '(#130429) Rate limit hit'
                        : `(#131009) Parameter value is not valid for ${body.to}`,
                    code: status,
                  },
                },
          ),
        );
      },
      () => {
        res.writeHead(400).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sink: WhatsAppSink = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`,
    requests,
    inFlight,
    failNext: (...statuses) => queued.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}

type Query = (sql: string, params?: unknown[]) => Promise<any>;

/** An outbox row as the notification suites check it. */
export interface OutboxRow {
  kind: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  subject_id: string;
}

/** The outbox rows matching `where`, by channel. */
export function outboxRows(query: Query, where: string, params: unknown[]): Promise<OutboxRow[]> {
  return query(
    `SELECT kind, channel, status, attempts, last_error, subject_id FROM notifications WHERE ${where} ORDER BY channel`,
    params,
  ) as Promise<OutboxRow[]>;
}

/** The mails the sink received for this address. */
export function mailsTo(mail: MailSink, address: string) {
  return mail.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(address)));
}

/** Drains the dispatcher until nothing is due (retries come due after their short backoff), for up to `ms`. */
export async function settleOutbox(dispatcher: { drain(): Promise<unknown> }, query: Query, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await dispatcher.drain();
    const [{ n }] = await query(
      "SELECT COUNT(*) AS n FROM notifications WHERE status IN ('pending', 'claimed', 'sending')",
    );
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
