import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real receiving ends for the notification channels: an SMTP server (smtp-server) that parses every
 * message it accepts (mailparser), and an HTTP server that plays the WhatsApp Cloud API's message
 * endpoint, checks each request's shape and answers what the test tells it to.
 */

export interface MailSink {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Stops accepting connections (the "SMTP outage"); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** `delayMs`: how long the server takes over each message before it answers (keeps sends in flight). */
export async function startMailSink(port = 0, delayMs = 0): Promise<MailSink> {
  const messages: ParsedMail[] = [];
  let server: SMTPServer;
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // On stop, open connections are cut (421) at once instead of after 30 s: a real outage.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        setTimeout(() => callback(), delayMs);
      }, (err: Error) => callback(err));
    },
  });
  const listen = (p: number) => new Promise<number>((resolve, reject) => {
    server = make();
    server.on('error', () => undefined);
    server.server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  const actual = await listen(port);
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: async () => {
      await listen(actual);
    },
  };
}

export interface WhatsAppRequest {
  path: string;
  authorization: string | undefined;
  body: {
    messaging_product: string;
    to: string;
    type: string;
    template: { name: string; language: { code: string }; components: { type: string; parameters: { type: string; text: string }[] }[] };
  };
}

export interface WhatsAppSink {
  url: string;
  requests: WhatsAppRequest[];
  /** Answers for the next requests, in order (then 200): e.g. [429, 500] or [400]. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) => new Promise<string>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  req.on('error', reject);
});

export async function startWhatsAppSink(delayMs = 0): Promise<WhatsAppSink> {
  const requests: WhatsAppRequest[] = [];
  const queued: number[] = [];
  const server: Server = createServer((req, res) => {
    readBody(req).then(async (text) => {
      const status = queued.shift() ?? 200;
      const body = JSON.parse(text) as WhatsAppRequest['body'];
      if (status === 200) requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status === 200
        ? { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to.replace('+', '') }], messages: [{ id: `wamid.${requests.length}` }] }
        : { error: { message: status === 429 ? '(#130429) Rate limit hit' : `(#131009) Parameter value is not valid for ${body.to}`, code: status } }));
    }, () => {
      res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`,
    requests,
    failNext: (...statuses) => queued.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
