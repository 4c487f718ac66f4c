import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig } from '@keyward/config';

// No Docker engine runs on the development machines: these tests read the files instead of running them.
const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  deploy?: { replicas?: number };
  networks?: string[] | Record<string, { aliases?: string[] }>;
  volumes?: string[];
}

const document = parseDocument(read('docker/compose.yml'), { merge: true });
const services = (document.toJS({ maxAliasCount: 100 }) as { services: Record<string, Service> }).services;
const clusterNodes = ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3'];
const stores = [...clusterNodes, 'kurrentdb-dev'];

/** Compose interpolation as an operator who sets nothing gets it: `${X:-default}` → default, `${X}` → ''. */
// What an operator exports before `docker compose up`: the variables compose requires (`${VAR:?…}`).
const operatorEnv: Record<string, string> = {
  KEYWARD_SECRET_PEPPER: randomBytes(32).toString('base64'),
  KEYWARD_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};
const interpolate = (value: string) =>
  value.replace(
    /\$\{([A-Z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}/g,
    (_, name: string, fallback: string | undefined) => operatorEnv[name] ?? fallback ?? '',
  );
const environmentOf = (name: string) =>
  Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

/** The variable names libs/config reads: the one place that knows them. */
const knownVariables = new Set(
  [...read('libs/config/src/load-config.ts').matchAll(/(?:read\.\w+\(|env\[)'([A-Z][A-Z0-9_]+)'|env\.([A-Z][A-Z0-9_]+)/g)].map(
    (m) => m[1] ?? m[2],
  ),
);

describe('docker/compose.yml', () => {
  it('is YAML without errors or warnings', () => {
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
  });

  it('runs a three-node insecure store cluster under "cluster" and one node under "dev"; only stores have profiles', () => {
    for (const node of clusterNodes) {
      const env = environmentOf(node);
      expect(services[node].profiles).toEqual(['cluster']);
      expect(env).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS: node,
        KURRENTDB_REPLICATION_HOST_ADVERTISE_AS: node,
      });
      expect(env.KURRENTDB_GOSSIP_SEED.split(',').sort()).toEqual(
        clusterNodes.filter((other) => other !== node).map((other) => `${other}:2113`),
      );
      expect(services[node].volumes).toEqual([`${node}-data:/var/lib/kurrentdb`]);
    }
    expect(services['kurrentdb-dev'].profiles).toEqual(['dev']);
    expect(environmentOf('kurrentdb-dev')).toMatchObject({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true' });
    const profiled = Object.entries(services)
      .filter(([, service]) => service.profiles !== undefined)
      .map(([name]) => name);
    expect(profiled.sort()).toEqual([...stores].sort());
  });

  it('gives keyward and the relay one gossip connection string that reaches the cluster, and the dev node by alias', () => {
    const url = environmentOf('keyward').EVENTSTORE_URL;
    expect(environmentOf('audit-relay').EVENTSTORE_URL).toBe(url);
    // Gossip seeds: the 6.2.1 client asks every seed of esdb://a,b,c but only the first of esdb+discover://a,b,c.
    const [, hosts, query] = /^esdb:\/\/([^?]+)\?(.*)$/.exec(url)!;
    expect(hosts.split(',')).toEqual(clusterNodes.map((node) => `${node}:2113`));
    expect(new URLSearchParams(query).get('tls')).toBe('false');
    const devNetworks = services['kurrentdb-dev'].networks as Record<string, { aliases?: string[] }>;
    expect(devNetworks.keyward.aliases).toContain(hosts.split(',')[0].split(':')[0]);
  });

  it('runs Kafka in KRaft mode and points keyward and the relay at its advertised listener', () => {
    const kafka = environmentOf('kafka');
    expect(interpolate(services.kafka.image!)).toMatch(/^apache\/kafka:4\./);
    expect(kafka.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@kafka:9093');
    const advertised = /PLAINTEXT:\/\/([^,]+)/.exec(kafka.KAFKA_ADVERTISED_LISTENERS)![1];
    expect(environmentOf('keyward').KAFKA_BROKERS).toBe(advertised);
    expect(environmentOf('audit-relay').KAFKA_BROKERS).toBe(advertised);
  });

  it('health-checks every store and the broker, and starts keyward and the relay only on a healthy store', () => {
    for (const name of [...stores, 'kafka'])
      expect(services[name].healthcheck?.test?.join(' ')).toMatch(/health\/live|kafka-broker-api-versions/);
    for (const name of ['keyward', 'audit-relay']) {
      // required: false, because only one of the two store profiles is active at a time.
      for (const store of stores) expect(services[name].depends_on?.[store]).toEqual({ condition: 'service_healthy', required: false });
    }
    expect(services['audit-relay'].depends_on?.kafka).toEqual({ condition: 'service_healthy' });
    // keyward is healthy once ready (GET /readyz), like the image's HEALTHCHECK; the relay serves no HTTP, so it opts out.
    expect(services.keyward.healthcheck?.test?.join(' ')).toContain('/readyz');
    expect(services.keyward.healthcheck).toMatchObject({
      interval: expect.any(String),
      timeout: expect.any(String),
      start_period: expect.any(String),
    });
    expect(services['audit-relay'].healthcheck).toEqual({ disable: true });
  });

  it('runs keyward on EventStoreDB with the embedded relay off, and exactly one relay from the same image', () => {
    expect(services.keyward.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(environmentOf('keyward')).toMatchObject({ EVENT_STORE: 'esdb', AUDIT_RELAY: 'off' });
    const relay = services['audit-relay'];
    expect(relay.image).toBe(services.keyward.image);
    // The compiled relay, as `npm run start:relay` runs it (no build step in the image at run time).
    expect(relay.command).toEqual(JSON.parse(read('package.json')).scripts['start:relay'].split(' '));
    expect(relay.deploy?.replicas).toBe(1);
    expect(environmentOf('audit-relay').AUDIT_RELAY).toBeUndefined();
  });

  it.each(['keyward', 'audit-relay'])('sets on %s only variables keyward’s config knows, with values it accepts', (name) => {
    const env = environmentOf(name);
    expect(Object.keys(env).filter((variable) => !knownVariables.has(variable))).toEqual([]);
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-compose-'));
    try {
      // DATA_DIR is the image's (/var/lib/keyward); a temporary one here, because loadConfig writes key files into it.
      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      expect(config.eventStore).toMatchObject({ kind: 'esdb', url: env.EVENTSTORE_URL });
      expect(config.kafka?.brokers).toEqual(['kafka:9092']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Instructions with continuation lines joined and comments dropped. */
const instructions = read('docker/Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const finalStage = instructions.slice(instructions.findLastIndex((line) => /^FROM /i.test(line)));

describe('docker/Dockerfile', () => {
  it('is multi-stage: npm ci, then a type check and npm run build, then a runtime without the toolchain', () => {
    const stages = instructions.filter((line) => /^FROM /i.test(line));
    expect(stages.length).toBeGreaterThanOrEqual(3);
    // Each stage starts from the pinned Node image or from an earlier stage.
    const names: string[] = [];
    for (const stage of stages) {
      const [, base, name] = /^FROM (\S+) AS (\w+)$/.exec(stage)!;
      expect(base === 'node:${NODE_VERSION}-bookworm-slim' || names.includes(base)).toBe(true);
      names.push(name);
    }
    expect(instructions[0]).toMatch(/^ARG NODE_VERSION=20\.(19|[2-9]\d)\.\d+$/);
    const npmCi = instructions.findIndex((line) => /^RUN npm ci\b/.test(line));
    const build = instructions.findIndex((line) => /^RUN npx tsc --noEmit -p tsconfig\.build\.json && npm run build\b/.test(line));
    expect(npmCi).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(npmCi);
    expect(finalStage.join('\n')).not.toMatch(/g\+\+|apt-get install|npm ci/);
    expect(finalStage).toContain('COPY --from=build /app/node_modules ./node_modules');
    // Plain JavaScript only: the runtime holds dist/, not the TypeScript sources.
    expect(finalStage).toContain('COPY --from=build /app/dist ./dist');
    expect(finalStage.join('\n')).not.toMatch(/COPY --from=build \/app\/(apps|libs) /);
  });

  it('runs as a non-root user the way npm start does', () => {
    const user = finalStage.filter((line) => /^USER /i.test(line)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(finalStage.indexOf(user!)).toBeLessThan(finalStage.findIndex((line) => /^CMD /.test(line)));
    const cmd = JSON.parse(finalStage.find((line) => /^CMD /.test(line))!.slice(4)) as string[];
    expect(cmd.join(' ')).toBe(JSON.parse(read('package.json')).scripts.start);
  });

  it('is ignored by BuildKit only where it must be: no node_modules, .git, .npmrc or tests in the context', () => {
    const ignored = read('docker/Dockerfile.dockerignore')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '.npmrc', 'test']));
    for (const kept of ['apps', 'libs', 'scripts', 'bin', 'package.json', 'package-lock.json']) expect(ignored).not.toContain(kept);
  });

  describe('HEALTHCHECK', () => {
    const line = finalStage.find((l) => /^HEALTHCHECK /.test(l))!;
    const command = JSON.parse(/ CMD (\[.*\])$/.exec(line ?? '')?.[1] ?? 'null') as string[] | null;
    let server: Server;
    let status = 200;
    beforeAll(async () => {
      server = createServer((request, response) => response.writeHead(request.url === '/readyz' ? status : 404).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const probe = () =>
      new Promise<number>((resolve) => {
        const [file, ...args] = command!;
        const port = String((server.address() as AddressInfo).port);
        execFile(file === 'node' ? process.execPath : file, args, { env: { PORT: port }, timeout: 10_000 }, (error) =>
          resolve(error ? Number(error.code ?? 1) : 0),
        );
      });

    it('is declared with an interval, a timeout and a start period', () => {
      expect(line).toMatch(/--interval=\d+s/);
      expect(line).toMatch(/--timeout=\d+s/);
      expect(line).toMatch(/--start-period=\d+s/);
      expect(command?.[0]).toBe('node');
    });

    it('passes while GET /readyz answers 200 and fails when it answers 503 (not ready)', async () => {
      status = 200;
      expect(await probe()).toBe(0);
      status = 503;
      expect(await probe()).toBe(1);
    });
  });
});
