import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * A TLS-terminating reverse proxy as operators run one in front of keyward (nginx, Envoy): it asks for
 * client certificates, drops any Client-Cert header a client sent, and forwards the certificate it saw
 * in the RFC 9440 Client-Cert header over plain HTTP from loopback.
 */
export async function startClientCertProxy(options: {
  upstream: string;
  cert: string;
  key: string;
  ca: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const upstream = new URL(options.upstream);
  const server: Server = createServer(
    { cert: options.cert, key: options.key, ca: options.ca, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const { 'client-cert': _forged, host: _host, ...headers } = req.headers;
      const peer = (req.socket as TLSSocket).getPeerX509Certificate();
      const forwarded = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...headers, ...(peer ? { 'client-cert': `:${peer.raw.toString('base64')}:` } : {}) },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.writeHead(502).end());
      req.pipe(forwarded);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
