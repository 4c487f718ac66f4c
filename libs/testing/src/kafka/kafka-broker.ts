import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../../../scripts/kafka-broker.sh');
// Covers a first-time Maven fetch plus the script's own bounded start wait.
const SCRIPT_TIMEOUT_MS = 5 * 60_000;
const KILL_WAIT_MS = 10_000;

export interface KafkaBroker {
  /** Bootstrap addresses, `host:port`, as kafkajs takes them. */
  readonly brokers: string[];
  /** With `{ secure: true }`: a SASL_SSL listener of the same broker. */
  readonly secure?: SecureListener;
  /** Holds server.properties, data/ and broker.log (read it when a test fails). */
  readonly dir: string;
  /** Stops the broker for good (graceful, bounded) and deletes its data. Idempotent. */
  stop(): Promise<void>;
  /** Stops the broker if it runs, then starts it again on the same ports with the same data. */
  restart(): Promise<void>;
  /** SIGKILL: a crash. Ports and data stay, so `restart()` brings the same broker back. */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing answers, like a hung broker or a partition. */
  freeze(): Promise<void>;
  /** SIGCONT after freeze(). */
  thaw(): Promise<void>;
}

/** TLS (server certificate for IP 127.0.0.1 signed by `caPem`) and SASL PLAIN, SCRAM-SHA-256 and -512. */
export interface SecureListener {
  readonly brokers: string[];
  readonly caPem: string;
  readonly username: string;
  readonly password: string;
}

/** A fresh single-node KRaft broker on random free ports; it dies with this process if never stopped. */
export async function startKafkaBroker(options: { secure?: boolean } = {}): Promise<KafkaBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-kafka-'));
  const owner = ['--dir', dir, '--owner', String(process.pid)];
  const bootstrap = await runScript(['start', ...owner, ...(options.secure ? ['--secure'] : [])]);
  let stopped = false;
  const thaw = async () => {
    const pid = await brokerPid(dir);
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
  };

  return {
    brokers: [bootstrap],
    secure: options.secure ? await readSecureListener(dir) : undefined,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await thaw();
      await runScript(['stop', '--dir', dir]);
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error(`broker in ${dir} was stopped for good`);
      await thaw();
      await runScript(['stop', '--dir', dir]);
      await runScript(['resume', ...owner]);
    },
    async kill() {
      const pid = await brokerPid(dir);
      if (pid === undefined) return;
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid);
    },
    async freeze() {
      const pid = await brokerPid(dir);
      if (pid === undefined) throw new Error(`no running broker in ${dir} to freeze`);
      process.kill(pid, 'SIGSTOP');
    },
    thaw,
  };
}

async function readSecureListener(dir: string): Promise<SecureListener> {
  const read = async (file: string) => (await readFile(join(dir, file), 'utf8')).trim();
  return {
    brokers: [await read('secure-bootstrap')],
    caPem: await read('tls/ca.pem'),
    username: 'relay',
    password: await read('sasl-password'),
  };
}

function runScript(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(SCRIPT, args, { timeout: SCRIPT_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) fail(new Error(`kafka-broker.sh ${args[0]} failed: ${error.message}\n${stderr}`));
      else done(stdout.trim());
    });
  });
}

async function brokerPid(dir: string): Promise<number | undefined> {
  const text = await readFile(join(dir, 'broker.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

// A killed broker stays a zombie until init reaps it, and kill(pid, 0) still succeeds on a zombie.
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no procfs: trust kill(pid, 0)
  }
}

/**
 * A bounded poll, on purpose: the broker is the script's detached grandchild, not ours, so no exit event
 * reaches this process; its pid (kill 0, then procfs for a zombie) is all there is to watch.
 */
async function waitForExit(pid: number): Promise<void> {
  const deadline = Date.now() + KILL_WAIT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`broker pid ${pid} still alive ${KILL_WAIT_MS} ms after SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
