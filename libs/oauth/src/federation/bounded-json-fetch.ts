/** Why a provider's document could not be had; the reason goes to the audit trail, never to the client. */
export class IssuerDocumentUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'IssuerDocumentUnavailable';
  }
}

export interface BoundedFetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** GETs a JSON document; the port the key-set cache fetches through. */
export type JsonFetcher = (url: string) => Promise<unknown>;

/**
 * A JSON GET whose cost is bounded whatever the other side does: one deadline for connect, headers and
 * body together, a byte limit enforced while reading (a lying or absent content-length does not help),
 * no redirects (a provider's documents live where its metadata says).
 */
export function boundedJsonFetcher(limits: BoundedFetchLimits): JsonFetcher {
  return async (url) => {
    const signal = AbortSignal.timeout(limits.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: 'error', headers: { accept: 'application/json' } });
    } catch (error) {
      throw new IssuerDocumentUnavailable(signal.aborted ? 'timeout' : `unreachable: ${causeOf(error)}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new IssuerDocumentUnavailable(`http_${response.status}`);
    }
    const text = await readBounded(response, limits.maxBytes, signal);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new IssuerDocumentUnavailable('not_json');
    }
  };
}

async function readBounded(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new IssuerDocumentUnavailable('too_large');
  }
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new IssuerDocumentUnavailable('too_large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof IssuerDocumentUnavailable) throw error;
    throw new IssuerDocumentUnavailable(signal.aborted ? 'timeout' : `unreachable: ${causeOf(error)}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
