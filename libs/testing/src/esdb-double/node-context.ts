import type { ServerSurfaceCall } from '@grpc/grpc-js/build/src/server-call';
import type { EventLog } from './event-log';
import { accessDenied, leaderInfo, noLeaderInfo, serverNotReady } from './rpc-errors';

/** The node states the double plays (a subset of VNodeState, KurrentDB src/KurrentDB.Core/Data/VNodeState.cs). */
export type NodeRole = 'leader' | 'follower' | 'not-ready';

export type Operation = 'read' | 'write';

export interface AppendLimits {
  /** ClusterVNodeOptions.Application.MaxAppendSize: 26.x default 256 MiB (24.x: 1 MiB). */
  readonly maxAppendSize: number;
  /** MaxAppendEventSize: 26.x default 16 MiB. */
  readonly maxAppendEventSize: number;
  /** Database.WriteTimeoutMs: 2 s by default; also caps a batch append's deadline. */
  readonly writeTimeoutMs: number;
}

/**
 * What one node of the double knows about itself when it serves a call: its role, the leader, what the
 * caller may access, how far its copy of the log reaches (a follower lags), and whether writes stall.
 */
export class NodeContext {
  role: NodeRole = 'leader';
  leader: { readonly host: string; readonly port: number } | undefined;
  /** Commits wait for a quorum that never answers: every write times out. */
  writesStall = false;
  /** Calls received per gRPC method, so specs can tell which path the client took. */
  readonly served = new Map<string, number>();
  private denied: (operation: Operation, streamName: string) => boolean = () => false;

  readonly log: EventLog;
  readonly limits: AppendLimits;
  readonly liveBufferSize: number;
  readonly now: () => Date;
  /** Records from this position on have not reached this node yet. */
  readonly horizon: () => bigint;
  readonly onAdvanced: (listener: () => void) => () => void;

  constructor(props: {
    readonly log: EventLog;
    readonly limits: AppendLimits;
    readonly liveBufferSize: number;
    readonly now: () => Date;
    /** A single node has everything; a cluster follower only what was replicated to it. */
    readonly horizon?: () => bigint;
    readonly onAdvanced?: (listener: () => void) => () => void;
  }) {
    const { log } = props;
    ({ log: this.log, limits: this.limits, liveBufferSize: this.liveBufferSize, now: this.now } = props);
    this.horizon = props.horizon ?? (() => log.end);
    this.onAdvanced = props.onAdvanced ?? ((listener) => log.onAppended(listener));
  }

  count(method: string): void {
    this.served.set(method, (this.served.get(method) ?? 0) + 1);
  }

  denyAccess(predicate: (operation: Operation, streamName: string) => boolean): void {
    this.denied = predicate;
  }

  /** The default authorization policy would refuse; `$all` is named as such. */
  assertAccess(operation: Operation, streamName: string): void {
    if (this.denied(operation, streamName)) throw accessDenied();
  }

  /**
   * Before any work (Streams.cs GetRequiresLeader, RpcExceptions.TryHandleNotHandled): a node that is
   * not ready refuses; a follower refuses a call that requires the leader, naming the leader if it knows one.
   * A follower forwards a write that does not require the leader.
   */
  assertServes(call: Pick<ServerSurfaceCall, 'metadata'>, operation: Operation): void {
    if (this.role === 'not-ready') throw serverNotReady();
    if (this.role === 'leader') return;
    if (!requiresLeader(call)) {
      // Forwarding needs a leader to forward to.
      if (operation === 'write' && this.leader === undefined) throw serverNotReady();
      return;
    }
    if (this.leader === undefined) throw noLeaderInfo();
    throw leaderInfo(this.leader.host, this.leader.port);
  }
}

export const requiresLeader = (call: Pick<ServerSurfaceCall, 'metadata'>): boolean =>
  call.metadata.get('requires-leader').some((value) => String(value).toLowerCase() === 'true');
