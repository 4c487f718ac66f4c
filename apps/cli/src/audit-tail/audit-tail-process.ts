import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../..');
const KILL_AFTER_MS = 10_000;

/** `audit tail` as an operator runs it: its own process, stdout lines collected, stopped by a signal. */
export class AuditTailProcess {
  readonly lines: string[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Called on every chunk of output and at exit: waitFor checks its condition then, never on a timer. */
  private readonly listeners = new Set<() => void>();

  constructor(args: readonly string[], env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'audit', 'tail', ...args], {
      cwd: REPO,
      env: withoutUndefined({ ...process.env, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete);
      this.changed();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.changed();
    });
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({ code, signal }));
    void this.exited.then(() => this.changed());
  }

  /** Resolves once `ready(lines, stderr)` holds; fails after `timeoutMs` or when the process exits first. */
  waitFor(ready: (lines: readonly string[], stderr: string) => boolean, timeoutMs = 30_000): Promise<void> {
    const output = () => `stdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`;
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        outcome();
      };
      const check = () => {
        if (ready(this.lines, this.stderr)) settle(resolve);
        else if (this.child.exitCode !== null || this.child.signalCode !== null)
          settle(() => reject(new Error(`audit tail exited early; ${output()}`)));
      };
      const timer = setTimeout(() => settle(() => reject(new Error(`audit tail: not ready in ${timeoutMs} ms; ${output()}`))), timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Sends `signal` and waits for the exit; SIGKILL if it has not stopped within 10 s (the test then fails on the code). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), KILL_AFTER_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for it to end on its own, bounded. */
  async exit(timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
