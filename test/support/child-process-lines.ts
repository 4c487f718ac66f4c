import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A child process whose stdout lines are collected; tests wait for a line, never for a while. */
export class ChildProcessLines {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];

  constructor(command: string, args: readonly string[], options: { cwd: string; env: Record<string, string | undefined> }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const complete = (partial + chunk.toString('utf8')).split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete) this.take(line);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({ code, signal }));
  }

  /** The first line (already seen or to come) that passes `test`; fails if the process exits first. */
  waitForLine(test: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return Promise.race([
      new Promise<string>((resolve) => this.waiters.push({ test, resolve })),
      this.exited.then(({ code, signal }) =>
        Promise.reject(new Error(`exited (${code ?? signal}) before the line; stderr: ${this.stderr}\nstdout: ${this.lines.join('\n')}`)),
      ),
    ]);
  }

  /** JSON log lines (pino) with this message. */
  waitForLog(msg: string | RegExp): Promise<Record<string, unknown>> {
    return this.waitForLine((line) => {
      const record = parseJson(line);
      return (
        record !== undefined && typeof record.msg === 'string' && (typeof msg === 'string' ? record.msg === msg : msg.test(record.msg))
      );
    }).then((line) => JSON.parse(line) as Record<string, unknown>);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  private take(line: string): void {
    this.lines.push(line);
    const ready = this.waiters.filter((waiter) => waiter.test(line));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(line);
  }
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
