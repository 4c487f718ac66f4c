import autocannon from 'autocannon';
import { processCpuMs, threadCpuMs } from './bench-processes';

export interface GrantRound {
  readonly grantsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly failed: number;
  readonly cpuPerGrantUs: number;
  /** µs per grant of the busiest threads: `main` (the event loop), then the others (SQLite writer, GC and libuv helpers) by their names. */
  readonly threadsUs: string;
}

export interface GrantLoad {
  readonly url: string;
  /** The server's pid, for its CPU time. */
  readonly pid: number;
  /** A fixed count, not a duration: no response is cut off, so every token returned can be matched with its event. */
  readonly requests: number;
  /** Basic credentials, used in turn. */
  readonly authorizations: readonly string[];
  readonly connections?: number;
}

/** One round of client-credentials grants from autocannon, in this process. */
export async function driveGrants(load: GrantLoad): Promise<GrantRound> {
  let next = 0;
  const cpuBefore = processCpuMs(load.pid);
  const threadsBefore = threadCpuMs(load.pid);
  const started = performance.now();
  let lastResponseAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: load.connections ?? 64,
        amount: load.requests,
        method: 'POST',
        body: 'grant_type=client_credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, authorization: load.authorizations[next++ % load.authorizations.length] },
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => (lastResponseAt = performance.now()));
  });
  const ok = result['2xx'];
  // autocannon notices the last response on its 1 s tick: time the run up to that response instead.
  const seconds = (lastResponseAt - started) / 1000;
  const threads = [...threadCpuMs(load.pid)].map(
    ([name, ms]) => [name, ((ms - (threadsBefore.get(name) ?? 0)) * 1000) / Math.max(ok, 1)] as const,
  );
  const busiest = threads.filter(([, us]) => us >= 5).sort((a, b) => b[1] - a[1]);
  return {
    threadsUs: busiest.map(([name, us]) => `${name.endsWith(`/${load.pid}`) ? 'main' : name.split('/')[0]} ${us.toFixed(0)}`).join(', '),
    grantsPerSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuPerGrantUs: ((processCpuMs(load.pid) - cpuBefore) * 1000) / Math.max(ok, 1),
  };
}
