import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the database, for outages that leave the shared database server running
 * (other suites use it at the same time). `cut()` is the database vanishing: the listener closes, so
 * new connections are refused, and every open connection is dropped. `restore()` listens again on the
 * same port. `hold()` is a silent network partition: nothing is refused or closed, but no byte gets
 * through in either direction (new connections are accepted and then hear nothing) until `heal()`,
 * when what was held back flows on, as TCP would deliver it after the partition.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  hold(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let server: Server | undefined;
  let held = false;

  const flow = (pair: Pair) => {
    if (!pair.upstream) {
      const upstream = connect(targetPort, targetHost);
      upstream.on('error', () => undefined);
      upstream.on('close', () => pair.client.destroy());
      pair.upstream = upstream;
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
    pair.client.resume();
    pair.upstream.resume();
  };
  const stall = (pair: Pair) => {
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  };

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((client) => {
        const pair: Pair = { client };
        pairs.add(pair);
        client.on('error', () => undefined);
        client.on('close', () => {
          pair.upstream?.destroy();
          pairs.delete(pair);
        });
        if (held) client.pause();
        else flow(pair);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as { port: number }).port);
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = undefined;
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  const port = await listen(0);
  return {
    port,
    cut: stop,
    restore: async () => void (await listen(port)),
    hold: () => {
      held = true;
      for (const pair of pairs) stall(pair);
    },
    heal: () => {
      held = false;
      for (const pair of pairs) flow(pair);
    },
    close: stop,
  };
}
