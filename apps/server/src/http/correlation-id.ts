import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const GIVEN_ID = /^[\w.:-]{1,100}$/;
// W3C Trace Context §3.2: version-traceid-parentid-flags, lowercase hex; version ff and an all-zero trace id are invalid.
const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}(-.*)?$/;

/**
 * The id that ties a request's log line, its events and their audit records together: the caller's
 * `x-correlation-id`, else the trace id of its W3C `traceparent`, else a new UUID.
 */
export function correlationIdOf(headers: IncomingHttpHeaders): string {
  const given = headers['x-correlation-id'];
  if (typeof given === 'string' && GIVEN_ID.test(given)) return given;
  const traceparent = headers.traceparent;
  const trace = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (trace && trace[1] !== 'ff' && !/^0+$/.test(trace[2]) && (trace[1] !== '00' || trace[3] === undefined)) return trace[2];
  return randomUUID();
}
