import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { HttpLimits } from '@keyward/config';

/**
 * The Node server under Fastify, with every timeout a slow client could exploit set (Fastify's own
 * defaults leave the request timeout at 0). Node checks request and header deadlines on a timer; it
 * runs at a tenth of the shortest deadline so a trickled body is cut close to its deadline.
 */
export function boundedHttpServer(limits: HttpLimits) {
  return (handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>): Server => {
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.max(50, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10),
      },
      handler,
    );
    server.maxConnections = limits.maxConnections;
    // A socket silent for longer than any deadline is closed; the deadlines above answer 408 first.
    server.setTimeout(limits.requestTimeoutMs + limits.headersTimeoutMs);
    return server;
  };
}
