import { Option, type Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { PLANS, type Plan } from '@keyward/domain';
import { BootstrapOrganization } from '@keyward/application';
import { withCli } from '../cli-context';
import { printAdministrator } from './print-administrator';

/** `bootstrap --org NAME [--plan P] [--json]`: the first organization and its admin credential, printed once. */
export function registerBootstrap(program: Command): void {
  program
    .command('bootstrap')
    .description('create an organization and its first admin service account with an OAuth client')
    .requiredOption('--org <name>', 'organization name')
    .addOption(new Option('--plan <plan>', 'the plan, which sets the service-account quota').choices(PLANS).default('free'))
    .option('--json', 'print JSON only')
    .action(async (options: { org: string; plan: string; json?: boolean }) => {
      const plan = options.plan as Plan; // commander checked it against PLANS
      const result = await withCli((app, context) =>
        app.get(CommandBus).execute(new BootstrapOrganization({ name: options.org, plan, context })),
      );
      printAdministrator(result, { json: options.json, withOrganization: true });
    });
}
