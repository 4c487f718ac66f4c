import { startEsdbTestServer, type EsdbTestServer } from './esdb-topology';

export interface EsdbForDataDir {
  readonly connectionString: string;
  /** This harness is done with the store; the last one out takes the double down (its data stays). */
  release(): Promise<void>;
  /** release() and forget the data: the data directory is being deleted too. */
  dispose(): Promise<void>;
}

interface Entry {
  readonly double: EsdbTestServer;
  users: number;
}

// The double's log lives in memory, so it is kept per DATA_DIR for the whole test file: a harness that
// restarts on the same DATA_DIR (as an operator restarts the process) finds its events, as it would on
// a real server. Reference-counted so that two harnesses on one DATA_DIR (replicas) share one store.
const doubles = new Map<string, Entry>();

/**
 * The event store an end-to-end harness runs on when the suite runs with EventStoreDB: the real server
 * named by EVENTSTORE_URL when set, otherwise a double (one node, or a cluster: esdbTopology) kept per data directory.
 */
export async function esdbForDataDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<EsdbForDataDir> {
  const url = env['EVENTSTORE_URL'];
  if (url !== undefined && url !== '') return { connectionString: url, release: async () => undefined, dispose: async () => undefined };
  let entry = doubles.get(dataDir);
  if (entry === undefined) {
    entry = { double: await startEsdbTestServer(), users: 0 };
    doubles.set(dataDir, entry);
  } else {
    await entry.double.restart();
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    held.users -= 1;
    if (held.users === 0) await held.double.stop();
  };
  return {
    connectionString: held.double.connectionString,
    release,
    dispose: async () => {
      await release();
      if (held.users === 0 && doubles.get(dataDir) === held) doubles.delete(dataDir);
    },
  };
}
