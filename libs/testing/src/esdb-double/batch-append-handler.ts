import type { handleBidiStreamingCall, ServerDuplexStream } from '@grpc/grpc-js';
import type { ExpectedVersion } from './expected-version';
import { shared, streams } from './generated';
import { requiresLeader, type NodeContext } from './node-context';
import { streamNameOf } from './reads';
import { leaderInfo } from './rpc-errors';
import { BatchStatus } from './rpc-status';
import type { ProposedEvent } from './stored-event';
import { checkSizes, commitWrite, toProposedEvent } from './write-request';
import { parseUuid } from './uuid';
import type { rpcStatus } from './generated';

type BatchCall = ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>;
const PositionCase = streams.BatchAppendReq.Options.ExpectedStreamPositionCase;

interface Pending {
  readonly correlationId: shared.UUID;
  readonly identifier: shared.StreamIdentifier | undefined;
  readonly expected: ExpectedVersion;
  readonly events: ProposedEvent[];
  readonly timeoutMs: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * Streams/BatchAppend (KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/Streams.BatchAppend.cs): one
 * duplex call carries many appends, each keyed by a correlation id; its first message holds the options
 * with a deadline as a client-clock Timestamp, capped by the write timeout; `is_final` commits. Every
 * failure is an answer with a google.rpc.Status, except not-leader with a known leader, which ends the
 * whole call (the server throws RpcExceptions.LeaderInfo from the write's callback).
 */
export function batchAppendHandler(node: NodeContext): handleBidiStreamingCall<streams.BatchAppendReq, streams.BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, Pending>();
    const cancelled = new Promise<void>((resolve) => call.once('cancelled', resolve));
    let ended = false;
    const answer = (
      correlationId: shared.UUID,
      identifier: shared.StreamIdentifier | undefined,
      fill: (resp: streams.BatchAppendResp) => void,
    ): void => {
      if (ended || call.cancelled) return;
      const resp = new streams.BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(identifier);
      fill(resp);
      call.write(resp);
    };
    const fail = (correlationId: shared.UUID, identifier: shared.StreamIdentifier | undefined, error: rpcStatus.Status): void =>
      answer(correlationId, identifier, (resp) => resp.setError(error));
    call.on('data', (request: streams.BatchAppendReq) => {
      const correlationUuid = request.getCorrelationId() ?? new shared.UUID();
      let key: string;
      try {
        key = parseUuid(correlationUuid);
      } catch {
        return fail(correlationUuid, undefined, BatchStatus.badRequest('correlation id is not a UUID'));
      }
      try {
        if (request.hasOptions()) {
          const options = request.getOptions()!;
          const identifier = options.getStreamIdentifier();
          if (identifier === undefined)
            return fail(correlationUuid, identifier, BatchStatus.badRequest('Required field StreamIdentifier not set.'));
          const timeoutMs = Math.min(requestedTimeoutMs(options, node), node.limits.writeTimeoutMs);
          try {
            node.assertAccess('write', streamNameOf(identifier));
          } catch {
            return fail(correlationUuid, identifier, BatchStatus.accessDenied());
          }
          if (timeoutMs <= 0) return fail(correlationUuid, identifier, BatchStatus.timeout());
          if (!pending.has(key)) {
            // A request whose final message never comes answers Timeout when its time is up.
            const timer = setTimeout(() => {
              if (pending.delete(key)) fail(correlationUuid, identifier, BatchStatus.timeout());
            }, timeoutMs).unref();
            pending.set(key, {
              correlationId: correlationUuid,
              identifier,
              expected: expectedVersion(options),
              events: [],
              timeoutMs,
              timer,
            });
          }
        }
        const write = pending.get(key);
        if (write === undefined) return;
        write.events.push(...request.getProposedMessagesList().map(toProposedEvent));
        const sizes = checkSizes(node, write.events);
        if (!sizes.ok) {
          drop(pending, key);
          return fail(
            correlationUuid,
            write.identifier,
            sizes.event === undefined
              ? BatchStatus.maximumAppendSizeExceeded(node.limits.maxAppendSize)
              : BatchStatus.maximumAppendEventSizeExceeded(sizes.event.id, sizes.event.size, node.limits.maxAppendEventSize),
          );
        }
        if (!request.getIsFinal()) return;
        drop(pending, key);
        void commit(node, call, write, cancelled, answer, fail, () => (ended = true));
      } catch (error) {
        fail(correlationUuid, request.getOptions()?.getStreamIdentifier(), BatchStatus.badRequest((error as Error).message));
      }
    });
    call.on('end', () => {
      for (const key of [...pending.keys()]) drop(pending, key);
      if (!ended) call.end();
    });
  };
}

async function commit(
  node: NodeContext,
  call: BatchCall,
  write: Pending,
  cancelled: Promise<void>,
  answer: (id: shared.UUID, identifier: shared.StreamIdentifier | undefined, fill: (resp: streams.BatchAppendResp) => void) => void,
  fail: (id: shared.UUID, identifier: shared.StreamIdentifier | undefined, error: rpcStatus.Status) => void,
  end: () => void,
): Promise<void> {
  const streamName = streamNameOf(write.identifier);
  // ClientMessage.NotHandled, as BatchAppendWorker.ConvertMessage turns it into an answer.
  if (node.role === 'not-ready') return fail(write.correlationId, write.identifier, BatchStatus.notHandled('Server Is Not Ready'));
  if (node.role === 'follower' && (requiresLeader(call) || node.leader === undefined)) {
    if (node.leader === undefined) {
      return fail(
        write.correlationId,
        write.identifier,
        BatchStatus.notHandled(requiresLeader(call) ? 'No leader info available in response' : 'Server Is Not Ready'),
      );
    }
    end();
    call.emit('error', leaderInfo(node.leader.host, node.leader.port));
    return;
  }
  try {
    const result = await commitWrite(node, streamName, write.expected, write.events, write.timeoutMs, cancelled);
    switch (result.kind) {
      case 'timeout':
        return fail(write.correlationId, write.identifier, BatchStatus.timeout());
      case 'stream_deleted':
        return fail(write.correlationId, write.identifier, BatchStatus.streamDeleted(write.identifier));
      case 'wrong_expected_version':
        return fail(write.correlationId, write.identifier, BatchStatus.wrongExpectedVersion(result.currentRevision, write.expected));
      case 'success':
      case 'idempotent': {
        const position = result.kind === 'success' ? result.written.at(-1)?.position : result.position;
        const success = new streams.BatchAppendResp.Success();
        if (result.currentRevision === undefined) success.setNoStream(new shared.Empty());
        else success.setCurrentRevision(result.currentRevision.toString(10));
        if (position === undefined) success.setNoPosition(new shared.Empty());
        else
          success.setPosition(
            new shared.AllStreamPosition().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)),
          );
        return answer(write.correlationId, write.identifier, (resp) => resp.setSuccess(success));
      }
    }
  } catch (error) {
    fail(write.correlationId, write.identifier, BatchStatus.badRequest((error as Error).message));
  }
}

function drop(pending: Map<string, Pending>, key: string): void {
  const write = pending.get(key);
  if (write !== undefined) clearTimeout(write.timer);
  pending.delete(key);
}

/** GetRequestedTimeout: the 21.10 Timestamp deadline is on the client's clock; the server subtracts its own now. */
function requestedTimeoutMs(options: streams.BatchAppendReq.Options, node: NodeContext): number {
  const deadline = options.getDeadline();
  if (deadline === undefined) return Number.POSITIVE_INFINITY;
  return deadline.toDate().getTime() - node.now().getTime();
}

function expectedVersion(options: streams.BatchAppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamPositionCase()) {
    case PositionCase.STREAM_POSITION:
      return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
    case PositionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case PositionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}
