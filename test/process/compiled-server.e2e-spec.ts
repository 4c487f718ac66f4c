import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessLines } from '../support/child-process-lines';
import { buildCompiledOutput, REPO } from '../support/compiled-output';
import { freePort } from '../support/free-port';

/** A token request whose headers the server has read (it answered 100 Continue) and whose body is held back. */
function heldTokenRequest(baseUrl: string, credentials: { clientId: string; clientSecret: string }, correlationId: string) {
  const body = 'grant_type=client_credentials';
  const req = request(`${baseUrl}/oauth/token`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
      'x-correlation-id': correlationId,
    },
  });
  const answered = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
  });
  const inFlight = once(req, 'continue');
  req.flushHeaders();
  return { inFlight, finish: () => (req.end(body), answered) };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

// Child processes boot a whole server each: on a busy machine that takes longer than the default 30 s.
jest.setTimeout(120_000);

describe('compiled output (npm run build) and graceful shutdown', () => {
  let build: ReturnType<typeof buildCompiledOutput>;
  let dataDir: string;

  beforeAll(() => {
    build = buildCompiledOutput('build-spec');
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-compiled-'));
  });
  afterAll(() => {
    build.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is plain JavaScript with the @keyward/* aliases resolved and no TypeScript register', () => {
    const files = filesUnder(build.dir).filter((file) => file.endsWith('.js'));
    for (const main of ['apps/server/src/main.js', 'apps/audit-relay/src/main.js', 'apps/cli/src/main.js'])
      expect(files).toContain(join(build.dir, main));
    const offending = files.filter((file) =>
      /require\("(@keyward\/[^"]*|@swc-node\/register|[^"]+\.ts)"\)/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
    // npm start, the relay and the CLI run that output with plain node (the server with a larger young generation).
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect([scripts.start, scripts['start:relay'], scripts.cli]).toEqual([
      'node --max-semi-space-size=32 dist/apps/server/src/main.js',
      'node dist/apps/audit-relay/src/main.js',
      'node dist/apps/cli/src/main.js',
    ]);
  });

  it('serves from dist; on SIGTERM it refuses new connections, answers every request in flight, flushes the relay and exits 0', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ISSUER: baseUrl,
      KAFKA_BROKERS: '',
      LOG_LEVEL: 'info',
    };
    const admin = JSON.parse(
      execFileSync(process.execPath, [join(build.dir, 'apps/cli/src/main.js'), 'bootstrap', '--org', 'Compiled', '--json'], {
        cwd: REPO,
        env,
      }).toString('utf8'),
    ) as {
      clientId: string;
      clientSecret: string;
    };
    const server = new ChildProcessLines(process.execPath, [join(build.dir, 'apps/server/src/main.js')], { cwd: REPO, env });
    try {
      await server.waitForLog(/^Server listening at/);
      expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);

      const held = Array.from({ length: 4 }, (_, i) => heldTokenRequest(baseUrl, admin, `in-flight-${i}`));
      await Promise.all(held.map((r) => r.inFlight));
      server.signal('SIGTERM');
      await server.waitForLog('shutting down: no new connections, finishing in-flight requests');
      // Refused at connect, or (had it connected before the listener closed) 503 with Connection: close.
      expect(['refused', 503]).toContain(
        await fetch(`${baseUrl}/healthz`).then(
          (r) => r.status,
          () => 'refused',
        ),
      );

      const answers = await Promise.all(held.map((r) => r.finish()));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      for (const answer of answers) expect(answer.body.access_token).toEqual(expect.any(String));
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.lines.some((line) => line.includes('"msg":"shut down cleanly"'))).toBe(true);

      // The embedded relay published the issue events of the requests that were in flight before it stopped.
      const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: { correlationId?: string } });
      const issuedInFlight = audit.filter(
        (record) => record.type === 'keyward.access_token.issued.v1' && record.data.correlationId?.startsWith('in-flight-'),
      );
      expect(issuedInFlight.map((record) => record.data.correlationId).sort()).toEqual([
        'in-flight-0',
        'in-flight-1',
        'in-flight-2',
        'in-flight-3',
      ]);
    } finally {
      server.signal('SIGKILL');
    }
  });

  it('runs the audit relay from dist, which stops on SIGTERM with exit 0', async () => {
    const relay = new ChildProcessLines(process.execPath, [join(build.dir, 'apps/audit-relay/src/main.js')], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, KAFKA_BROKERS: '', AUDIT_RELAY: 'off' },
    });
    try {
      await relay.waitForLog(/^relaying sqlite events to/);
      relay.signal('SIGTERM');
      expect(await relay.exited).toEqual({ code: 0, signal: null });
    } finally {
      relay.signal('SIGKILL');
    }
  });
});
