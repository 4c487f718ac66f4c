import type { ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processRssMiB, runCli, spawnKeyward, stopProcess, waitForOk } from './bench-processes';
import { driveGrants, type GrantRound } from './drive-grants';

export interface Start {
  readonly readyMs: number;
  /** Events the read models applied at start (the tail after their snapshot), and how long that took. */
  readonly replayed: number;
  readonly replaySeconds: number;
  /** From Nest starting to listening: the part of a start that can depend on the store (modules are loaded before it). */
  readonly bootMs: number;
}

/** One keyward DATA_DIR of the growth bench, started as `npm start` runs it, one process at a time. */
export class GrowthServer {
  private process: ChildProcess | undefined;
  private authorization = '';
  orgId = '';
  shutdownCutShort = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly dataDir: string,
    private readonly baseUrl: string,
  ) {}

  async bootstrap(): Promise<void> {
    const admin = JSON.parse(await runCli(this.env, ['bootstrap', '--org', 'Growth', '--json']));
    this.orgId = admin.orgId;
    this.authorization = `Basic ${Buffer.from(`${encodeURIComponent(admin.clientId)}:${encodeURIComponent(admin.clientSecret)}`).toString('base64')}`;
  }

  get pid(): number {
    return this.process!.pid!;
  }

  async start(): Promise<Start> {
    let replayed = NaN;
    let replaySeconds = NaN;
    let nestAt = NaN;
    let listeningAt = NaN;
    const started = performance.now();
    let linesSeen: () => void = () => undefined;
    const bootLines = new Promise<void>((resolve) => (linesSeen = resolve));
    this.process = spawnKeyward(this.env, (line) => {
      if (line.includes('Starting Nest application')) nestAt = Date.parse(JSON.parse(line).time);
      if (line.includes('Server listening at')) listeningAt = Date.parse(JSON.parse(line).time);
      if (line.includes('read models caught up')) ({ eventsApplied: replayed, seconds: replaySeconds } = JSON.parse(line));
      if (line.includes('shut down with work cut short')) this.shutdownCutShort = true;
      if (!Number.isNaN(replaySeconds) && !Number.isNaN(listeningAt)) linesSeen();
    });
    await waitForOk(`${this.baseUrl}/readyz`, 600_000);
    const readyMs = performance.now() - started;
    // The log is buffered (up to 250 ms, create-logger.ts): /readyz may answer before its boot lines arrive.
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([bootLines, new Promise<void>((resolve) => (deadline = setTimeout(resolve, 5_000)))]);
    clearTimeout(deadline);
    return { readyMs, replayed, replaySeconds, bootMs: listeningAt - nestAt };
  }

  rssMiB(): number {
    return processRssMiB(this.pid);
  }

  grants(requests: number): Promise<GrantRound> {
    return driveGrants({ url: `${this.baseUrl}/oauth/token`, pid: this.pid, requests, authorizations: [this.authorization] });
  }

  stop(): Promise<void> {
    return stopProcess(this.process!);
  }

  /** SIGKILL: no last snapshot, no last relay checkpoint; the next start replays what came after them. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.process!.once('exit', resolve));
    this.process!.kill('SIGKILL');
    await exited;
  }

  fileBytes(...names: string[]): number {
    return names.reduce((n, f) => n + (existsSync(join(this.dataDir, f)) ? statSync(join(this.dataDir, f)).size : 0), 0);
  }

  storeBytes(): number {
    return this.fileBytes('events.sqlite', 'events.sqlite-wal');
  }
}
