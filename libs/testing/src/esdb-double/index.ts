export { EsdbDouble, type EsdbDoubleOptions } from './esdb-double';
export { esdbServerForTests, STORE_DEADLINES_FOR_TESTS, type EsdbServerForTests } from './esdb-server-for-tests';
export { esdbForDataDir, type EsdbForDataDir } from './esdb-for-data-dir';
export { EsdbCluster, type EsdbClusterOptions } from './esdb-cluster';
export { ClusterNode } from './cluster-node';
export { esdbTopology, startEsdbTestServer, type EsdbTestServer, type EsdbTopology } from './esdb-topology';
