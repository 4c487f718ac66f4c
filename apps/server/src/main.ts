import 'reflect-metadata';
import { InvalidConfig, loadConfig } from '@keyward/config';
import { EventStoreRefused } from '@keyward/event-store';
import { createApp } from './create-app';
import { shutDownGracefully } from './shutdown/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  let exiting: Promise<void> | undefined;
  const stop = () =>
    (exiting ??= shutDownGracefully(app, config.shutdownTimeoutMs).then(
      (code) => process.exit(code),
      () => process.exit(1),
    ));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  // A bad config, or a store that refuses keyward (access denied on $all), is the operator's to fix: say so, no stack.
  if (error instanceof EventStoreRefused) console.error(`keyward cannot start: ${error.message}`);
  else console.error(error instanceof InvalidConfig ? error.message : error);
  process.exit(1);
});
