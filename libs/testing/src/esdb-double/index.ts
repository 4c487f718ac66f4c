export { EsdbDouble, type EsdbDoubleOptions } from './esdb-double';
export { esdbServerForTests, type EsdbServerForTests } from './esdb-server-for-tests';
export { esdbForDataDir, type EsdbForDataDir } from './esdb-for-data-dir';
