import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { HttpLimits, MutualTlsConfig, TlsConfig } from '@keyward/config';

/**
 * The Node server under Fastify, with every timeout a slow client could exploit set (Fastify's own
 * defaults leave the request timeout at 0). Node checks request and header deadlines on a timer; it
 * runs at a tenth of the shortest deadline so a trickled body is cut close to its deadline.
 */
export function boundedHttpServer(limits: HttpLimits, tls?: { readonly server: TlsConfig; readonly mtls: MutualTlsConfig }) {
  return (handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>): Server => {
    const options: ServerOptions = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10),
    };
    const server = tls ? createTlsServer({ ...options, ...tlsOptions(tls.server, tls.mtls) }, handler) : createServer(options, handler);
    server.maxConnections = limits.maxConnections;
    // A socket silent for longer than any deadline is closed; the deadlines above answer 408 first.
    server.setTimeout(limits.requestTimeoutMs + limits.headersTimeoutMs);
    return server;
  };
}

/**
 * RFC 8705 §2: keyward asks every TLS client for a certificate and never insists: clients without one
 * use the other methods. Whether a certificate chains to TLS_CLIENT_CA_FILE is left on the socket
 * (`authorized`) for tls_client_auth to read; self-signed certificates are matched by thumbprint.
 */
function tlsOptions(server: TlsConfig, mtls: MutualTlsConfig) {
  return {
    cert: server.cert,
    key: server.key,
    requestCert: true,
    rejectUnauthorized: false,
    ...(mtls.clientCa ? { ca: mtls.clientCa } : {}),
  };
}
