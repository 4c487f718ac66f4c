import { startKafkaBroker, type KafkaBroker } from './kafka-broker';

declare global {
  // Handed from global setup to global teardown; both run in Jest's parent process.
  var __keywardKafkaBroker: KafkaBroker | undefined;
}

/**
 * One broker for the whole run, shared by every worker through KAFKA_BROKERS (workers are forked
 * after global setup and inherit process.env). An outside broker (CI, a developer's) wins when
 * KAFKA_BROKERS is already set; a run that can hold no int or e2e spec starts nothing.
 */
export default async function kafkaGlobalSetup(_global: unknown, project: ProjectConfig): Promise<void> {
  if (process.env.KAFKA_BROKERS || !mayRunIntegrationSpecs(project)) return;
  const broker = await startKafkaBroker();
  globalThis.__keywardKafkaBroker = broker;
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
}

/** The part of Jest's project config read here (Jest passes all of it). */
interface ProjectConfig {
  readonly testRegex: readonly string[];
}

function mayRunIntegrationSpecs(project: ProjectConfig): boolean {
  const regexes = project.testRegex.map((r) => new RegExp(r));
  return ['a.int-spec.ts', 'a.e2e-spec.ts'].some((file) => regexes.some((r) => r.test(file)));
}
