import { Server, ServerCredentials } from '@grpc/grpc-js';
import { appendHandler } from './append-handler';
import { EventLog } from './event-log';
import { ServerFeaturesService, StreamsService } from './generated';
import { readHandler } from './read-handler';
import { getSupportedMethodsHandler } from './server-features-handler';

export interface EsdbDoubleOptions {
  /** 0 (default) picks a free port; restart() reuses whatever was bound. */
  readonly port?: number;
  readonly now?: () => Date;
}

/**
 * A test double of one insecure EventStoreDB node, speaking its gRPC protocol on loopback. Test harness
 * only: the data lives in this process and survives stop()/restart() so resilience tests can take the
 * "server" away and bring it back.
 */
export class EsdbDouble {
  private server: Server | undefined;

  private constructor(
    private readonly log: EventLog,
    private boundPort: number,
    private readonly now: () => Date,
  ) {}

  static async start(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
    const now = options.now ?? (() => new Date());
    const double = new EsdbDouble(new EventLog(now), options.port ?? 0, now);
    await double.restart();
    return double;
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.boundPort}?tls=false`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Binds the same port again, with the data written before the stop. */
  async restart(): Promise<void> {
    if (this.server !== undefined) return;
    const server = new Server();
    server.addService(StreamsService, { read: readHandler(this.log), append: appendHandler(this.log, this.now) });
    server.addService(ServerFeaturesService, { getSupportedMethods: getSupportedMethodsHandler });
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.boundPort}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  /** Like a crashed node: open calls are cut, not drained (a graceful shutdown would wait on subscriptions). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.forceShutdown();
  }
}
