import { Server, ServerCredentials } from '@grpc/grpc-js';
import { TcpFront } from './tcp-front';
import { appendHandler } from './append-handler';
import { batchAppendHandler } from './batch-append-handler';
import { deleteHandler } from './delete-handler';
import { EventLog } from './event-log';
import { GossipService, ServerFeaturesService, StreamsService, streams } from './generated';
import { gossipHandler, type Member } from './gossip-handler';
import { NodeContext, type AppendLimits } from './node-context';
import { readHandler } from './read-handler';
import { getSupportedMethodsHandler } from './server-features-handler';

export interface EsdbDoubleOptions {
  /** 0 (default) picks a free port; restart() reuses whatever was bound. */
  readonly port?: number;
  /** The one clock: `created` stamps, $maxAge, and the server side of batch append deadlines. */
  readonly now?: () => Date;
  readonly limits?: Partial<AppendLimits>;
  /** Entries of the idempotency cache (recent event ids). */
  readonly idempotencyCacheSize?: number;
  /** Live events a subscription buffers before it falls behind (KurrentDB default 32). */
  readonly liveBufferSize?: number;
}

/** KurrentDB 26.x defaults. 24.x had a MaxAppendSize of 1 MiB: pass `limits: { maxAppendSize: 1048576 }`. */
export const DEFAULT_LIMITS: AppendLimits = {
  maxAppendSize: 256 * 1024 * 1024,
  maxAppendEventSize: 16 * 1024 * 1024,
  writeTimeoutMs: 2000,
};

/**
 * A test double of one insecure EventStoreDB node, speaking its gRPC protocol on loopback. Test harness
 * only: the data lives in this process and survives stop()/restart() so resilience tests can take the
 * "server" away and bring it back. `node` exposes the knobs a test turns (role, access, stalled writes).
 */
export class EsdbDouble {
  private server: Server | undefined;
  private grpcPort = 0;
  private readonly front = new TcpFront(() => this.grpcPort);
  readonly node: NodeContext;

  private readonly log: EventLog;
  private boundPort: number;
  private readonly now: () => Date;

  private constructor(props: {
    readonly log: EventLog;
    readonly port: number;
    readonly now: () => Date;
    readonly options: EsdbDoubleOptions;
  }) {
    const { log, now, options } = props;
    ({ log: this.log, port: this.boundPort, now: this.now } = props);
    this.node = new NodeContext({
      log,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      liveBufferSize: options.liveBufferSize ?? 32,
      now,
    });
  }

  static async start(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
    const now = options.now ?? (() => new Date());
    const log = new EventLog({ now, idempotencyCacheSize: options.idempotencyCacheSize ?? 100_000 });
    const double = new EsdbDouble({ log, port: options.port ?? 0, now, options });
    await double.bind();
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

  /** Binds the same port again, with the data written before the stop; what lived in memory is gone. */
  async restart(): Promise<void> {
    if (this.server !== undefined) return;
    this.log.restarted();
    await this.bind();
  }

  /** Like a crashed node: connections are cut and refused, open calls are not drained. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.forceShutdown();
    await this.front.close();
  }

  /** Like a partition or a stuck process: connections are accepted and kept, but nothing answers. */
  hang(): void {
    this.front.hang();
  }

  resume(): void {
    this.front.resume();
  }

  /** Runs a scavenge now; answers how many events it removed from $all. */
  scavenge(): number {
    return this.log.scavenge();
  }

  private async bind(): Promise<void> {
    const server = new Server();
    addNodeServices(
      server,
      this.node,
      () => [{ instanceId: INSTANCE_ID, role: this.node.role, host: '127.0.0.1', port: this.boundPort }],
      this.now,
    );
    this.grpcPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
    this.front.resume();
    this.boundPort = await this.front.listen(this.boundPort);
  }
}

const INSTANCE_ID = '00000000-0000-4000-8000-000000000001';

export function addNodeServices(server: Server, node: NodeContext, members: () => readonly Member[], now: () => Date): void {
  server.addService(StreamsService, {
    read: counted(node, 'read', readHandler(node)),
    append: counted(node, 'append', appendHandler(node)),
    batchAppend: counted(node, 'batchAppend', batchAppendHandler(node)),
    delete: deleteHandler(node, false, () => new streams.DeleteResp()),
    tombstone: deleteHandler(node, true, () => new streams.TombstoneResp()),
  });
  server.addService(ServerFeaturesService, { getSupportedMethods: getSupportedMethodsHandler });
  server.addService(GossipService, { read: gossipHandler(members, now) });
}

function counted<H extends (...args: never[]) => void>(node: NodeContext, method: string, handler: H): H {
  return ((...args: Parameters<H>) => {
    node.count(method);
    handler(...args);
  }) as H;
}
