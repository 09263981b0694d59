import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendFailure } from './channel.js';
import { WhatsAppChannel } from './whatsapp.channel.js';

const message = {
  notificationId: '00000000-0000-4000-8000-000000000000',
  uniqueKey: 'registration_confirmed|registration:r|p:p|whatsapp',
  kind: 'registration_confirmed' as const,
  payload: {},
  to: '+6281200000000',
  rendered: { title: 'Judul', text: 'Isi', whatsappParams: ['Isi'] },
} as unknown as Parameters<WhatsAppChannel['send']>[0];

const failureOf = (p: Promise<void>) =>
  p.then(
    () => null,
    (err: unknown) => err as SendFailure,
  );

describe('WhatsAppChannel: what may be tried again', () => {
  let server: Server;
  let base: string;
  let answer: (res: import('node:http').ServerResponse) => void;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends once on 200; retries 429 and 5xx; fails other 4xx for good', async () => {
    const channel = new WhatsAppChannel(base, '123', 'token', 2000);
    answer = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    await expect(channel.send(message)).resolves.toBeUndefined();
    answer = (res) => res.writeHead(429, { 'Content-Type': 'application/json' }).end('{"error":{"message":"rate"}}');
    expect(await failureOf(channel.send(message))).toMatchObject({ retryable: true });
    answer = (res) => res.writeHead(503).end();
    expect(await failureOf(channel.send(message))).toMatchObject({ retryable: true });
    answer = (res) => res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":{"message":"bad"}}');
    expect(await failureOf(channel.send(message))).toMatchObject({ retryable: false });
  });

  it('a server that cannot be reached is tried again: the request never left', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const failure = await failureOf(
      new WhatsAppChannel(`http://127.0.0.1:${port}/v21.0`, '123', 'token', 2000).send(message),
    );
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure).toMatchObject({ retryable: true });
  });

  it('a request taken without an answer (timeout, connection cut) is not retried: it may have arrived', async () => {
    answer = () => undefined;
    const timedOut = await failureOf(new WhatsAppChannel(base, '123', 'token', 300).send(message));
    expect(timedOut).toMatchObject({ retryable: false });
    expect(timedOut!.message).toMatch(/may have reached WhatsApp/);
    answer = (res) => res.socket!.destroy();
    const cut = await failureOf(new WhatsAppChannel(base, '123', 'token', 2000).send(message));
    expect(cut).toMatchObject({ retryable: false });
  });
});
