import 'reflect-metadata';
import { Command } from 'commander';
import { DomainError } from '@keyward/domain';
import { InvalidConfig } from '@keyward/config';
import { registerBootstrap } from './commands/bootstrap.command';
import { registerSetPlan } from './commands/set-plan.command';
import { registerRotateKeys } from './commands/rotate-keys.command';

const program = new Command('keyward').description('keyward administration').showHelpAfterError();
registerBootstrap(program);
registerSetPlan(program);
registerRotateKeys(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const known = error instanceof DomainError || error instanceof InvalidConfig || (error instanceof Error && !error.stack?.includes('node_modules'));
  process.stderr.write(`keyward: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
