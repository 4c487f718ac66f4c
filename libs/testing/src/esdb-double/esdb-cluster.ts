import { randomUUID } from 'node:crypto';
import { ClusterNode } from './cluster-node';
import { DEFAULT_LIMITS, type EsdbDoubleOptions } from './esdb-double';
import { EventLog } from './event-log';
import type { Member } from './gossip-handler';

export interface EsdbClusterOptions extends Omit<EsdbDoubleOptions, 'port'> {
  /** How long the nodes stay leaderless after the leader is lost (the election). Default 300 ms. */
  readonly electionMs?: number;
  /** How far behind the leader a follower's copy of the log runs. Default 0. */
  readonly followerLagMs?: number;
  /** Nodes (0-based) that are not started: a cluster with its first node down from the start. */
  readonly down?: readonly number[];
}

const SIZE = 3;
const QUORUM = 2;

/**
 * Three nodes of the double behind the Gossip service (KurrentDB src/KurrentDB.Core/Services/Gossip/,
 * src/KurrentDB.Core/Services/ElectionsService.cs), sharing one replicated log: a leader, followers
 * that serve reads from a copy lagging by `followerLagMs` and forward writes, an election when the leader
 * stops or hangs (the others go not-ready for `electionMs`, then the first healthy node leads and writes
 * a new epoch), and writes that time out while fewer than a quorum of nodes answer.
 */
export class EsdbCluster {
  readonly nodes: readonly ClusterNode[];
  private electing: NodeJS.Timeout | undefined;

  private constructor(
    private readonly log: EventLog,
    private readonly options: EsdbClusterOptions,
  ) {
    const now = options.now ?? (() => new Date());
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.nodes = Array.from(
      { length: SIZE },
      (_, index) =>
        new ClusterNode({
          index,
          instanceId: randomUUID(),
          port: 0,
          log,
          limits,
          liveBufferSize: options.liveBufferSize ?? 32,
          now,
          members: () => this.members(),
          lagMs: () => this.options.followerLagMs ?? 0,
        }),
    );
  }

  static async start(options: EsdbClusterOptions = {}): Promise<EsdbCluster> {
    const log = new EventLog({ now: options.now ?? (() => new Date()), idempotencyCacheSize: options.idempotencyCacheSize ?? 100_000 });
    const cluster = new EsdbCluster(log, options);
    // Every node gets its port now, so the seed list names all three even when some start down.
    for (const node of cluster.nodes) {
      await node.start();
      if (options.down?.includes(node.index)) await node.stop();
    }
    cluster.elect();
    return cluster;
  }

  /** The gossip-seed form (one seed per node), which the 6.2.1 client's discovery walks in turn. */
  get connectionString(): string {
    return `esdb://${this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',')}?tls=false`;
  }

  get leader(): ClusterNode | undefined {
    return this.nodes.find((node) => node.serving && node.context.role === 'leader');
  }

  async stopNode(index: number): Promise<void> {
    await this.nodes[index]!.stop();
    this.lost();
  }

  async startNode(index: number): Promise<void> {
    await this.nodes[index]!.start();
    this.rejoin(this.nodes[index]!);
  }

  hangNode(index: number): void {
    this.nodes[index]!.hang();
    this.lost();
  }

  resumeNode(index: number): void {
    this.nodes[index]!.resume();
    this.rejoin(this.nodes[index]!);
  }

  /** Stops every node (data kept in this process); restart() brings them back on the same ports. */
  async stop(): Promise<void> {
    clearTimeout(this.electing);
    for (const node of this.nodes) await node.stop();
  }

  async restart(): Promise<void> {
    if (this.nodes.some((node) => node.health !== 'stopped')) return;
    this.log.restarted();
    for (const node of this.nodes) await node.start();
    this.elect();
  }

  private members(): Member[] {
    return this.nodes.map((node) => ({
      instanceId: node.instanceId,
      role: node.serving ? node.context.role : 'dead',
      ...node.endpoint,
    }));
  }

  private healthy(): ClusterNode[] {
    return this.nodes.filter((node) => node.serving);
  }

  /** A node went away: if it led, the rest elect a new leader; without a quorum, commits stall. */
  private lost(): void {
    const leader = this.nodes.find((node) => node.context.role === 'leader');
    if (leader !== undefined && leader.serving) return this.applyQuorum();
    for (const node of this.nodes) {
      node.context.role = 'not-ready';
      node.context.leader = undefined;
    }
    clearTimeout(this.electing);
    this.electing = setTimeout(() => this.elect(), this.options.electionMs ?? 300);
    this.electing.unref();
  }

  private rejoin(node: ClusterNode): void {
    const leader = this.leader;
    if (leader === undefined) return this.elect();
    node.context.role = 'follower';
    node.context.leader = leader.endpoint;
    this.applyQuorum();
  }

  private elect(): void {
    const healthy = this.healthy();
    if (healthy.length < QUORUM) {
      for (const node of this.nodes) node.context.role = 'not-ready';
      return;
    }
    const [leader, ...followers] = healthy;
    const previous = this.nodes.find((node) => node.context.role === 'leader');
    leader!.context.role = 'leader';
    leader!.context.leader = leader!.endpoint;
    for (const node of this.nodes.filter((candidate) => candidate !== leader)) {
      node.context.role = followers.includes(node) ? 'follower' : node.context.role;
      node.context.leader = leader!.endpoint;
    }
    // Each leadership starts a new epoch (EpochManager.WriteNewEpoch).
    if (previous !== leader) this.log.writeEpoch();
    this.applyQuorum();
  }

  private applyQuorum(): void {
    const stalled = this.healthy().length < QUORUM;
    for (const node of this.nodes) node.context.writesStall = stalled;
  }
}
