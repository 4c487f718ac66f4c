import { Server, ServerCredentials } from '@grpc/grpc-js';
import { addNodeServices } from './esdb-double';
import type { EventLog } from './event-log';
import type { Member } from './gossip-handler';
import { NodeContext, type AppendLimits } from './node-context';
import { TcpFront } from './tcp-front';

export type NodeHealth = 'running' | 'stopped' | 'hung';

/**
 * One node of the cluster double: its own gRPC server behind its own TCP front, its own view of the
 * shared log. A follower's copy reaches `replicated` (it lags the leader by the replication delay); the
 * leader's reaches the end of the log.
 */
export class ClusterNode {
  readonly context: NodeContext;
  health: NodeHealth = 'stopped';
  private server: Server | undefined;
  private grpcPort = 0;
  private readonly front = new TcpFront(() => this.grpcPort);
  private replicated = 0n;
  private replicationPaused = false;
  private readonly advanced = new Set<() => void>();

  readonly index: number;
  readonly instanceId: string;
  port: number;
  private readonly log: EventLog;
  private readonly now: () => Date;
  private readonly members: () => readonly Member[];
  private readonly lagMs: () => number;

  constructor(props: {
    readonly index: number;
    readonly instanceId: string;
    readonly port: number;
    readonly log: EventLog;
    readonly limits: AppendLimits;
    readonly liveBufferSize: number;
    readonly now: () => Date;
    readonly members: () => readonly Member[];
    readonly lagMs: () => number;
  }) {
    const { log, limits, liveBufferSize, now } = props;
    ({ index: this.index, instanceId: this.instanceId, port: this.port, log: this.log, now: this.now } = props);
    ({ members: this.members, lagMs: this.lagMs } = props);
    this.context = new NodeContext({
      log,
      limits,
      liveBufferSize,
      now,
      horizon: () => this.horizon(),
      onAdvanced: (listener) => {
        this.advanced.add(listener);
        return () => this.advanced.delete(listener);
      },
    });
    // Until the cluster elects, nobody leads.
    this.context.role = 'not-ready';
    log.onAppended(() => this.replicate());
  }

  get endpoint(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Answers calls (stopped and hung nodes do not; nor does a node that is still starting). */
  get serving(): boolean {
    return this.health === 'running';
  }

  async start(): Promise<void> {
    if (this.health !== 'stopped') return;
    const server = new Server();
    addNodeServices(server, this.context, this.members, this.now);
    this.grpcPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
    this.front.resume();
    this.port = await this.front.listen(this.port);
    // A node that was away has an old copy until it catches up.
    this.replicated = this.log.end;
    this.health = 'running';
  }

  async stop(): Promise<void> {
    if (this.health === 'stopped') return;
    this.health = 'stopped';
    this.server?.forceShutdown();
    this.server = undefined;
    await this.front.close();
  }

  hang(): void {
    if (this.health !== 'running') return;
    this.health = 'hung';
    this.front.hang();
  }

  resume(): void {
    if (this.health !== 'hung') return;
    this.health = 'running';
    this.front.resume();
  }

  /** A follower's copy stops moving (deterministic lag) until resumed. */
  pauseReplication(): void {
    this.replicationPaused = true;
  }

  resumeReplication(): void {
    this.replicationPaused = false;
    this.advanceTo(this.log.end);
  }

  private horizon(): bigint {
    return this.context.role === 'leader' ? this.log.end : this.replicated;
  }

  private replicate(): void {
    if (this.context.role === 'leader') return this.notify();
    if (this.replicationPaused) return;
    const end = this.log.end;
    const lag = this.lagMs();
    if (lag <= 0) return this.advanceTo(end);
    setTimeout(() => this.advanceTo(end), lag).unref();
  }

  private advanceTo(end: bigint): void {
    if (this.replicationPaused || end <= this.replicated) return;
    this.replicated = end;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.advanced) listener();
  }
}
