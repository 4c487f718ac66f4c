import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { LiftLockdown, LockdownOrganization } from '@keyward/application';
import { withCli } from '../cli-context';

/**
 * `org:lockdown --org ID --reason R [--dry-run] [--keep ACCOUNT_ID...]` and `org:lockdown-lift --org ID`:
 * the break-glass action from a terminal, for when no admin credential can be trusted. The CLI has no
 * account of its own, so it keeps running only the accounts named with --keep.
 */
export function registerLockdown(program: Command): void {
  program
    .command('org:lockdown')
    .description('suspend every service account of an organization (but those kept), recorded as one lockdown')
    .requiredOption('--org <id>', 'organization id')
    .requiredOption('--reason <text>', 'why (recorded with the lockdown)')
    .option('--dry-run', 'list the accounts and credentials that would stop; change nothing')
    .option('--keep <serviceAccountId...>', 'accounts that keep working')
    .option('--json', 'print JSON only')
    .action(async (options: { org: string; reason: string; dryRun?: boolean; keep?: string[]; json?: boolean }) => {
      const result = await withCli((app, context) =>
        app.get(CommandBus).execute(
          new LockdownOrganization({
            organizationId: options.org,
            reason: options.reason,
            dryRun: options.dryRun ?? false,
            exemptServiceAccountIds: options.keep ?? [],
            context: { ...context, organizationId: options.org },
          }),
        ),
      );
      if (options.json) return void process.stdout.write(JSON.stringify(result) + '\n');
      const verb = result.dryRun ? 'would suspend' : result.resumed ? 'finished lockdown, suspending' : 'suspended';
      const lines = result.serviceAccounts.map(
        (a) => `  ${a.serviceAccountId}  ${a.name}  (${a.credentials.length} credential${a.credentials.length === 1 ? '' : 's'})`,
      );
      process.stdout.write(
        [
          `${verb} ${result.serviceAccounts.length} service account(s)${result.lockdownId ? ` in lockdown ${result.lockdownId}` : ''}`,
          ...lines,
          '',
        ].join('\n'),
      );
    });

  program
    .command('org:lockdown-lift')
    .description('reactivate exactly the service accounts the lockdown suspended')
    .requiredOption('--org <id>', 'organization id')
    .option('--json', 'print JSON only')
    .action(async (options: { org: string; json?: boolean }) => {
      const result = await withCli((app, context) =>
        app
          .get(CommandBus)
          .execute(new LiftLockdown({ organizationId: options.org, context: { ...context, organizationId: options.org } })),
      );
      if (options.json) return void process.stdout.write(JSON.stringify(result) + '\n');
      process.stdout.write(
        `lifted lockdown ${result.lockdownId}: ${result.reactivated.length} reactivated, ${result.leftAlone.length} left as they are\n`,
      );
    });
}
