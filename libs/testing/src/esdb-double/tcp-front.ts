import { createConnection, createServer, type Server, type Socket } from 'node:net';

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

/**
 * The node's public port: a TCP relay in front of its gRPC server, so a test can make the node hang the
 * way a partition or a stuck process does. Hung, it still accepts connections and keeps the open ones,
 * but no byte goes either way, so the client sees neither a refusal nor an answer (HTTP/2 pings go
 * unanswered too). Closed, connections are refused.
 */
export class TcpFront {
  private readonly pairs = new Set<Pair>();
  private server: Server | undefined;
  private hung = false;

  constructor(private readonly upstreamPort: () => number) {}

  async listen(port: number): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.address() as { port: number }).port;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  hang(): void {
    this.hung = true;
    for (const pair of this.pairs) unlink(pair);
  }

  resume(): void {
    this.hung = false;
    for (const pair of this.pairs) link(pair);
  }

  /** Refuses new connections and cuts the open ones, as a crashed process does. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.pause();
    const upstream = createConnection({ host: '127.0.0.1', port: this.upstreamPort() });
    upstream.pause();
    const pair = { client, upstream };
    this.pairs.add(pair);
    const drop = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (!this.hung) link(pair);
  }
}

function link({ client, upstream }: Pair): void {
  client.pipe(upstream);
  upstream.pipe(client);
  client.resume();
  upstream.resume();
}

function unlink({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
