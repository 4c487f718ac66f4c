export default async function kafkaGlobalTeardown(): Promise<void> {
  const broker = globalThis.__keywardKafkaBroker;
  if (!broker) return;
  globalThis.__keywardKafkaBroker = undefined;
  delete process.env.KAFKA_BROKERS;
  await broker.stop();
}
