import { startKafkaBroker } from './kafka-broker';

/**
 * The run's shared broker (KAFKA_BROKERS, set by the Jest global setup or CI), or a private one
 * when a spec runs without it. `release` stops only a broker started here.
 */
export async function kafkaBrokersForTests(): Promise<{ brokers: string[]; release(): Promise<void> }> {
  const shared = process.env.KAFKA_BROKERS;
  if (shared) return { brokers: shared.split(','), release: async () => undefined };
  const broker = await startKafkaBroker();
  return { brokers: broker.brokers, release: () => broker.stop() };
}
