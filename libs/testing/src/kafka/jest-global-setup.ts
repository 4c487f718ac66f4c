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

// Sample paths of the tiers that may need a broker, in the places they live.
const INTEGRATION_SPEC_PATHS = ['/repo/libs/audit/src/a.int-spec.ts', '/repo/test/e2e/a.e2e-spec.ts'];

// Jest hands over one project's config (the first test's): a unit-only run (`--testRegex '\.spec\.ts$'`)
// matches none of the samples and starts nothing.
function mayRunIntegrationSpecs(project: ProjectConfig): boolean {
  const regexes = project.testRegex.map((r) => new RegExp(r));
  return INTEGRATION_SPEC_PATHS.some((file) => regexes.some((r) => r.test(file)));
}
