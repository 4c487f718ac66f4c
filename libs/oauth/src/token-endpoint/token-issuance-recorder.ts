import type { TokenIssuanceEvent } from '@keyward/domain';

export interface RequestContext {
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly correlationId: string;
}

/** Durably records issue and refusal events; resolves only once the event is in the store. */
export interface TokenIssuanceRecorder {
  record(event: TokenIssuanceEvent, context: RequestContext): Promise<void>;
}
