import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EsdbDouble, type EsdbDoubleOptions } from './esdb-double';

// Shared by the double's own specs, which drive it with the real client only.
export const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data, metadata: { by: 'spec' } });

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** Retries an assertion until it holds (the double answers asynchronously over gRPC); not a sleep. */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error & Record<string, unknown>,
  );
}

/** A double and a client on it for each test. */
export function doubleRig(options: EsdbDoubleOptions = {}): { double: () => EsdbDouble; client: () => EventStoreDBClient } {
  let double: EsdbDouble | undefined;
  let client: EventStoreDBClient | undefined;
  beforeEach(async () => {
    double = await EsdbDouble.start(options);
    client = EventStoreDBClient.connectionString(double.connectionString);
  });
  afterEach(async () => {
    await client?.dispose();
    await double?.stop();
  });
  return { double: () => double!, client: () => client! };
}
