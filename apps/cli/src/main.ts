import 'reflect-metadata';
import { Command } from 'commander';
import { DomainError } from '@keyward/domain';
import { InvalidConfig } from '@keyward/config';
import { registerBootstrap } from './commands/bootstrap.command';
import { registerSetPlan } from './commands/set-plan.command';
import { registerRotateKeys } from './commands/rotate-keys.command';
import { registerAuditTail } from './commands/audit-tail.command';
import { registerRecoverOrganization } from './commands/recover-organization.command';
import { registerLockdown } from './commands/lockdown.command';
import { registerAuditVerify } from './commands/audit-verify.command';

const program = new Command('keyward').description('keyward administration').showHelpAfterError();
registerBootstrap(program);
registerSetPlan(program);
registerRotateKeys(program);
registerAuditTail(program);
registerRecoverOrganization(program);
registerLockdown(program);
registerAuditVerify(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Refusals and bad input are the operator's to fix: their message alone. Anything else keeps its stack.
  const expected = error instanceof DomainError || error instanceof InvalidConfig;
  process.stderr.write(`keyward: ${expected || !(error instanceof Error) ? (error as Error).message ?? String(error) : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
