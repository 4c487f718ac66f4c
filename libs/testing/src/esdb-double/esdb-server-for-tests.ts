import { startEsdbTestServer, type EsdbTestServer } from './esdb-topology';

/**
 * Call deadlines for specs that test something other than deadlines. The double answers from this very
 * process: on a busy CI machine (two cores, a whole suite beside it) a healthy call can take longer than
 * the production 1.5 s append deadline, and tripping it there proves nothing. The deadline specs
 * (esdb-deadlines.int-spec, the outage e2e specs) inject their own short ones.
 */
export const STORE_DEADLINES_FOR_TESTS = { callTimeoutMs: 20_000, readTimeoutMs: 20_000 } as const;

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
