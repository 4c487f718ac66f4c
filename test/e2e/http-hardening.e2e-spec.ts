import { connect, type Socket } from 'node:net';
import type { EventStore } from '@keyward/event-store';
import { EVENT_STORE } from '@keyward/application';
import { MetricsListener } from '../../apps/server/src/metrics/metrics-listener';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

/** Resolves with everything the server sent once it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  return new Promise((resolve) => socket.on('close', () => resolve(received)));
}

function open(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('HTTP limits: slow clients, connection cap', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => {
    keyward = await startKeyward({ env: { HTTP_HEADERS_TIMEOUT_MS: '200', HTTP_REQUEST_TIMEOUT_MS: '400', HTTP_MAX_CONNECTIONS: '3' } });
  });
  afterAll(() => keyward.dispose());

  it('cuts a request whose body trickles in past the request timeout with 408', async () => {
    const socket = await open(keyward.baseUrl);
    const closed = untilClosed(socket);
    socket.write(
      'POST /oauth/token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\ngrant',
    );
    // The body stays incomplete; the server, not the test, ends the exchange.
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts a request whose headers never end', async () => {
    const socket = await open(keyward.baseUrl);
    const closed = untilClosed(socket);
    socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n');
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections beyond HTTP_MAX_CONNECTIONS at accept', async () => {
    const held = await Promise.all([open(keyward.baseUrl), open(keyward.baseUrl), open(keyward.baseUrl)]);
    held.forEach((socket) => socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n'));
    const extra = await open(keyward.baseUrl);
    const closed = untilClosed(extra);
    extra.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(await closed).toBe('');
    held.forEach((socket) => socket.destroy());
  });
});

// On a server of its own: beside the connection cap of 3 above, its requests could meet sockets the last test
// closed but the server had not yet counted as closed, and be refused at accept (it failed once so in CI).
describe('HTTP limits: JSON depth', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => {
    keyward = await startKeyward();
  });
  afterAll(() => keyward.dispose());

  it('answers a JSON body nested 5,000 deep with 400 naming the body, on an admin route', async () => {
    const admin = await keyward.bootstrap('Deep');
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const deep = '{"name":"x","description":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    const answer = await api('POST', '/service-accounts', deep);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request', field: 'body' });
    expect((await api('GET', '/service-accounts')).body.items).toHaveLength(1);
  });
});

describe('/metrics stays off the public listener', () => {
  it('is not served on the public port by default', async () => {
    const keyward = await startKeyward();
    try {
      expect((await fetch(`${keyward.baseUrl}/metrics`)).status).toBe(404);
      expect(keyward.app.get(MetricsListener).port).toBeUndefined();
    } finally {
      await keyward.dispose();
    }
  });

  it('is served on METRICS_PORT, and only there', async () => {
    const keyward = await startKeyward({ env: { METRICS_PORT: '0' } });
    try {
      const port = keyward.app.get(MetricsListener).port;
      const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('keyward_projection_position');
      expect((await fetch(`${keyward.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await keyward.dispose();
    }
  });

  it('needs the METRICS_TOKEN bearer token when served on the public port', async () => {
    const token = 'm'.repeat(40);
    const keyward = await startKeyward({ env: { METRICS_TOKEN: token } });
    try {
      expect((await fetch(`${keyward.baseUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${keyward.baseUrl}/metrics`, { headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).status).toBe(401);
      const scrape = await fetch(`${keyward.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('keyward_projection_position');
    } finally {
      await keyward.dispose();
    }
  });
});

describe('TRUST_PROXY: forwarded addresses count only from listed proxies', () => {
  const sourceIpOfRefusal = async (keyward: KeywardUnderTest): Promise<unknown> => {
    await requestToken(keyward.baseUrl, { clientId: 'kw_ci_nobody', clientSecret: 'wrong' }, { extra: {} });
    const store = keyward.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream('token_issuance-unknown');
    return events.at(-1)?.metadata.sourceIp;
  };
  const forwardedFor = { 'x-forwarded-for': '203.0.113.9' };

  it('records the forwarded client address when the peer is a trusted proxy', async () => {
    const keyward = await startKeyward({ env: { TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' } });
    try {
      await fetch(`${keyward.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          ...forwardedFor,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('kw_ci_nobody:x').toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      const events = await keyward.app.get<EventStore>(EVENT_STORE).readStream('token_issuance-unknown');
      expect(events.at(-1)?.metadata.sourceIp).toBe('203.0.113.9');
    } finally {
      await keyward.dispose();
    }
  });

  it('ignores X-Forwarded-For from any other peer', async () => {
    const keyward = await startKeyward({ env: { TRUST_PROXY: '10.0.0.0/8' } });
    try {
      await fetch(`${keyward.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          ...forwardedFor,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('kw_ci_nobody:x').toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      expect(await sourceIpOfRefusal(keyward)).toBe('127.0.0.1');
    } finally {
      await keyward.dispose();
    }
  });
});
