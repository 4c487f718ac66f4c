import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { IssuerFault, IssuerKeyAlgorithm, SignRequest } from './oidc-test-issuer';

export interface IssuerState {
  readonly fetches: { readonly discovery: number; readonly jwks: number };
  readonly kids: readonly string[];
  readonly activeKid: string;
}

/** A running OidcTestIssuer process, driven over its /control endpoints. */
export interface OidcTestIssuerProcess {
  readonly issuer: string;
  sign(request: SignRequest): Promise<string>;
  rotate(alg?: IssuerKeyAlgorithm): Promise<string>;
  retire(kid: string): Promise<void>;
  fault(fault: IssuerFault): Promise<void>;
  state(): Promise<IssuerState>;
  /** Ends the process: the issuer is down (connections refused) from then on. */
  stop(): Promise<void>;
}

const ENTRY = join(__dirname, 'oidc-test-issuer.main.ts');

/** Starts the issuer as a child process on a loopback port and resolves once it listens. */
export async function startOidcTestIssuer(options: { port?: number } = {}): Promise<OidcTestIssuerProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY], {
    env: { ...process.env, OIDC_TEST_ISSUER_PORT: String(options.port ?? 0) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const issuer = await firstLine(child);
  const control = async <T>(path: string, body: unknown = {}): Promise<T> => {
    const response = await fetch(`${issuer}/control/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`test issuer /control/${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    issuer,
    sign: async (request) => (await control<{ token: string }>('sign', request)).token,
    rotate: async (alg) => (await control<{ kid: string }>('rotate', { alg })).kid,
    retire: async (kid) => void (await control('retire', { kid })),
    fault: async (fault) => void (await control('fault', { fault })),
    state: () => control<IssuerState>('state'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`test issuer exited before listening (code ${code})`)));
    lines.once('line', (line) => {
      lines.close();
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
}
