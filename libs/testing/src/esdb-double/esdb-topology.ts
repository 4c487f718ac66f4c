import { EsdbCluster } from './esdb-cluster';
import { EsdbDouble } from './esdb-double';

/** What a harness needs of a store double, one node or three. */
export interface EsdbTestServer {
  readonly connectionString: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export type EsdbTopology = 'single' | 'cluster';

/** KEYWARD_ESDB_TOPOLOGY=cluster (the esdb-cluster Jest project) runs the same suites on three nodes. */
export function esdbTopology(env: NodeJS.ProcessEnv = process.env): EsdbTopology {
  return env['KEYWARD_ESDB_TOPOLOGY'] === 'cluster' ? 'cluster' : 'single';
}

export function startEsdbTestServer(topology: EsdbTopology = esdbTopology()): Promise<EsdbTestServer> {
  return topology === 'cluster' ? EsdbCluster.start() : EsdbDouble.start();
}
