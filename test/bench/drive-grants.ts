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
  /** CPU µs per request of this process: autocannon, the load generator, on the same cores as the server. */
  readonly loadGeneratorUs: number;
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
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const cpuBefore = processCpuMs(load.pid);
  const loadCpuBefore = process.cpuUsage();
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
        headers,
        // One request per client, each connection cycling through them. Built once, as static requests: a
        // setupRequest hook made autocannon rebuild every request's bytes, load-generator work on the same
        // two cores as the server under test.
        requests: load.authorizations.map((authorization) => ({ headers: { ...headers, authorization } })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => (lastResponseAt = performance.now()));
  });
  const loadCpu = process.cpuUsage(loadCpuBefore);
  const ok = result['2xx'];
  // autocannon notices the last response on its 1 s tick: time the run up to that response instead.
  const seconds = (lastResponseAt - started) / 1000;
  const threads = [...threadCpuMs(load.pid)].map(
    ([name, ms]) => [name, ((ms - (threadsBefore.get(name) ?? 0)) * 1000) / Math.max(ok, 1)] as const,
  );
  const busiest = threads.filter(([, us]) => us >= 5).sort((a, b) => b[1] - a[1]);
  return {
    threadsUs: busiest.map(([name, us]) => `${name.endsWith(`/${load.pid}`) ? 'main' : name.split('/')[0]} ${us.toFixed(0)}`).join(', '),
    loadGeneratorUs: (loadCpu.user + loadCpu.system) / Math.max(result.requests.total, 1),
    grantsPerSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuPerGrantUs: ((processCpuMs(load.pid) - cpuBefore) * 1000) / Math.max(ok, 1),
  };
}
