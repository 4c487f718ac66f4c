import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { rememberPresentedClient } from './presented-client';
import { logRequests } from './request-log';

async function serverLogging(route: (request: Parameters<typeof rememberPresentedClient>[0]) => void) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  const fastify = Fastify();
  logRequests(fastify, pino({ level: 'info' }, destination));
  fastify.post('/oauth/token', async (request) => {
    route(request);
    return {};
  });
  await fastify.ready();
  return { fastify, lines };
}

describe('the request log line of an OAuth request', () => {
  it('names the client the endpoint read, without reading the credentials again', async () => {
    const { fastify, lines } = await serverLogging((request) => rememberPresentedClient(request)('kw_ci_ReadByTheEndpoint0000'));
    // No Authorization header and no client_id in the body: only the endpoint's reading can name it.
    await fastify.inject({ method: 'POST', url: '/oauth/token', payload: {} });
    await fastify.close();
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', route: '/oauth/token', clientId: 'kw_ci_ReadByTheEndpoint0000' })]);
  });

  it('reads the Basic header itself when the endpoint read none, and never logs a secret put where the id goes', async () => {
    const { fastify, lines } = await serverLogging(() => undefined);
    const basic = (id: string) => `Basic ${Buffer.from(`${id}:kw_cs_secret`).toString('base64')}`;
    await fastify.inject({ method: 'POST', url: '/oauth/token', headers: { authorization: basic('kw_ci_FromTheHeader00000000') } });
    await fastify.inject({ method: 'POST', url: '/oauth/token', headers: { authorization: basic('kw_cs_PastedSecret') } });
    await fastify.close();
    expect(lines[0]).toMatchObject({ clientId: 'kw_ci_FromTheHeader00000000' });
    expect(lines[1]).not.toHaveProperty('clientId');
    expect(JSON.stringify(lines)).not.toContain('kw_cs_');
  });
});

describe('the request log line', () => {
  it('keeps its members in their order, method and route first, whatever route or method each request took', async () => {
    const { fastify, lines } = await serverLogging((request) => rememberPresentedClient(request)('kw_ci_Ordered000000000000'));
    await fastify.inject({ method: 'POST', url: '/oauth/token', payload: {} });
    await fastify.inject({ method: 'GET', url: '/nowhere' });
    await fastify.inject({ method: 'POST', url: '/oauth/token', payload: {} });
    await fastify.close();
    const members = ['level', 'time', 'pid', 'hostname', 'method', 'route', 'status', 'durationMs', 'correlationId'];
    expect(lines.map((line) => Object.keys(line))).toEqual([
      [...members, 'clientId', 'msg'],
      [...members, 'msg'],
      [...members, 'clientId', 'msg'],
    ]);
    expect(lines.map(({ method, route, status }) => [method, route, status])).toEqual([
      ['POST', '/oauth/token', 200],
      ['GET', 'unmatched', 404],
      ['POST', '/oauth/token', 200],
    ]);
  });
});
