import type { handleUnaryCall } from '@grpc/grpc-js';
import { gossip, type shared } from './generated';
import type { NodeRole } from './node-context';
import { toGrpcUuid } from './uuid';

export interface Member {
  readonly instanceId: string;
  readonly role: NodeRole | 'dead';
  readonly host: string;
  readonly port: number;
}

const { VNodeState } = gossip.MemberInfo;

const STATE: Record<Member['role'], gossip.MemberInfo.VNodeState> = {
  leader: VNodeState.LEADER,
  follower: VNodeState.FOLLOWER,
  'not-ready': VNodeState.PRELEADER,
  dead: VNodeState.SHUTDOWN,
};

/**
 * Gossip/Read (KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/Gossip.Read.cs): this node's view of
 * the cluster, which the client uses to pick a node (discovery.js: alive members in an allowed state,
 * by node preference, connecting to the member's HTTP endpoint, which serves gRPC too).
 */
export function gossipHandler(members: () => readonly Member[], now: () => Date): handleUnaryCall<shared.Empty, gossip.ClusterInfo> {
  return (_call, callback) => {
    const ticks = (BigInt(now().getTime()) * 10_000n).toString(10);
    const info = members().map((member) =>
      new gossip.MemberInfo()
        .setInstanceId(toGrpcUuid(member.instanceId, false))
        .setTimeStamp(ticks)
        .setState(STATE[member.role])
        .setIsAlive(member.role !== 'dead')
        .setHttpEndPoint(new gossip.EndPoint().setAddress(member.host).setPort(member.port)),
    );
    callback(null, new gossip.ClusterInfo().setMembersList(info));
  };
}
