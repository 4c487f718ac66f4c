import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { DomainError } from '@keyward/domain';
import { InvalidConfig } from '@keyward/config';
import { registerBootstrap } from './commands/bootstrap.command';
import { registerSetPlan } from './commands/set-plan.command';
import { registerRotateKeys } from './commands/rotate-keys.command';
import { registerRevokeKey } from './commands/revoke-key.command';
import { registerAuditTail } from './commands/audit-tail.command';
import { registerRecoverOrganization } from './commands/recover-organization.command';
import { registerLockdown } from './commands/lockdown.command';
import { registerAuditVerify } from './commands/audit-verify.command';
import { registerAdminApiCommands } from './admin-api/register-admin-api';
import { CliFailure, EXIT } from './admin-api/exit-codes';

const program = new Command('keyward')
  .description(
    'keyward administration: admin API commands (KEYWARD_URL, KEYWARD_CLIENT_ID, KEYWARD_CLIENT_SECRET) and host-side commands on the store (DATA_DIR, EVENT_STORE)',
  )
  .showHelpAfterError()
  .addHelpText(
    'after',
    `\nExit codes: 0 ok, 1 failed, ${EXIT.usage} usage, ${EXIT.invalidInput} invalid input, ${EXIT.notAuthorized} not authorized, ${EXIT.notFound} not found, ${EXIT.conflict} conflict, ${EXIT.unavailable} unavailable (retry)`,
  )
  // Usage errors throw instead of exiting, so they get their own exit code below.
  .exitOverride();
registerBootstrap(program);
registerSetPlan(program);
registerRotateKeys(program);
registerRevokeKey(program);
registerAuditTail(program);
registerRecoverOrganization(program);
registerLockdown(program);
registerAuditVerify(program);
registerAdminApiCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // commander printed the usage problem (or the help) already.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  if (error instanceof CliFailure) {
    process.stderr.write(`keyward: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  // Refusals and bad input are the operator's to fix: their message alone. Anything else keeps its stack.
  const expected = error instanceof DomainError || error instanceof InvalidConfig;
  process.stderr.write(
    `keyward: ${expected || !(error instanceof Error) ? ((error as Error).message ?? String(error)) : (error.stack ?? error.message)}\n`,
  );
  process.exit(1);
});
