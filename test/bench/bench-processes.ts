import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 100 Hz here). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU ms of each thread of a process, by `name/tid` (Linux /proc/PID/task). */
export function threadCpuMs(pid: number): Map<string, number> {
  const threads = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      threads.set(`${name}/${tid}`, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function processRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function runToEnd(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)))));
}

/** Polls until the URL answers (2xx unless `anyStatus`); a benchmark harness, not a test, so polling is what it should do. */
export async function waitForOk(url: string, timeoutMs = 60_000, anyStatus = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok || anyStatus) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** `npm run build`, as `npm start` does before it starts the server. */
export function buildDist(): Promise<string> {
  return runToEnd(spawn(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] }));
}

/** The node flags `npm start` gives the server (package.json's start script: `node <flags> <main>`). */
export function npmStartNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).slice(1, -1);
}

/**
 * The keyward server as `npm start` runs it (built dist, the start script's node flags); `--cpu-prof`
 * when BENCH_CPU_PROF names a folder, more flags from BENCH_NODE_FLAGS (`--perf-basic-prof` for perf).
 */
export function spawnKeyward(env: NodeJS.ProcessEnv, onLogLine?: (line: string) => void): ChildProcess {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const extra = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [];
  const child = spawn(process.execPath, [...npmStartNodeFlags(), ...profile, ...extra, 'dist/apps/server/src/main.js'], {
    env,
    stdio: ['ignore', onLogLine ? 'pipe' : 'ignore', 'inherit'],
  });
  if (onLogLine) {
    let rest = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop()!;
      lines.forEach(onLogLine);
    });
  }
  return child;
}

export function runCli(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<string> {
  return runToEnd(spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
}
