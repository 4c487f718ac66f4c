import { startEsdbTestServer, type EsdbTestServer } from './esdb-topology';

export interface EsdbServerForTests {
  readonly connectionString: string;
  /** The double when no real server is configured. */
  readonly double: EsdbTestServer | undefined;
  dispose(): Promise<void>;
}

/**
 * The real server named by EVENTSTORE_URL when set (the adapter's contract tests then mean "against
 * EventStoreDB"), otherwise a fresh double on free loopback ports: one node, or three (esdbTopology).
 */
export async function esdbServerForTests(env: NodeJS.ProcessEnv = process.env): Promise<EsdbServerForTests> {
  const url = env['EVENTSTORE_URL'];
  if (url !== undefined && url !== '') return { connectionString: url, double: undefined, dispose: async () => undefined };
  const double = await startEsdbTestServer();
  return { connectionString: double.connectionString, double, dispose: () => double.stop() };
}
