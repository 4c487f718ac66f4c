import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { RecoverOrganization } from '@keyward/application';
import { withCli } from '../cli-context';
import { printAdministrator } from './print-administrator';

/** `org:recover --org ID [--json]`: a new admin credential for an organization locked out of the admin API. */
export function registerRecoverOrganization(program: Command): void {
  program
    .command('org:recover')
    .description('create a new admin service account and OAuth client in an existing organization (recorded, shown once)')
    .requiredOption('--org <id>', 'organization id')
    .option('--json', 'print JSON only')
    .action(async (options: { org: string; json?: boolean }) => {
      const result = await withCli((app, context) =>
        app.get(CommandBus).execute(new RecoverOrganization({ organizationId: options.org, context })),
      );
      printAdministrator(result, { json: options.json, withOrganization: false });
    });
}
