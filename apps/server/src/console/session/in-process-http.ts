import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface InProcessResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
}

/**
 * Calls this server's own routes in process (Fastify inject): the console goes through the very
 * endpoints, guards, validation and error mapping every other client uses, with no second write path
 * and no network hop. The caller's address and user agent travel along for the events' metadata.
 */
@Injectable()
export class InProcessHttp {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async call(
    from: FastifyRequest,
    request: { method: string; url: string; headers?: Record<string, string>; payload?: string },
  ): Promise<InProcessResponse> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const headers: Record<string, string> = { ...request.headers };
    const userAgent = from.headers['user-agent'];
    if (userAgent) headers['user-agent'] = userAgent;
    // The request id is the correlation id (createApp's genReqId): one id across the console call and the API call.
    headers['x-correlation-id'] = from.id;
    const response = await fastify.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      payload: request.payload,
      remoteAddress: from.ip,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
}
