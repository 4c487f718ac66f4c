import 'reflect-metadata';
import { InvalidConfig, loadConfig } from '@keyward/config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  // A bad config is the operator's to fix: print each problem, no stack.
  console.error(error instanceof InvalidConfig ? error.message : error);
  process.exit(1);
});
