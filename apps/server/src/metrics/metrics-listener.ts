import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { KeywardConfig } from '@keyward/config';
import { KEYWARD_CONFIG } from '@keyward/application';
import { bearerMatches, METRICS_CONTENT_TYPE } from './metrics-exposition';

/** METRICS_PORT: Prometheus scrapes its own listener (METRICS_HOST, loopback by default), apart from client traffic. */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly registry: Registry,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
  ) {}

  /** The bound port (METRICS_PORT=0 picks a free one). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, token } = this.config.metrics;
    if (port === undefined) return;
    const server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') return void response.writeHead(404).end();
      if (token !== undefined && !bearerMatches(request.headers.authorization, token)) return void response.writeHead(401).end();
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    server.maxConnections = 64;
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
