import { Option, type Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { PLANS, type Plan } from '@keyward/domain';
import { ChangePlan } from '@keyward/application';
import { withCli } from '../cli-context';

/** `org set-plan --org ID --plan P`: billing moves an organization between plans. */
export function registerSetPlan(program: Command): void {
  program
    .command('org:set-plan')
    .description("change an organization's plan (and so its service-account quota)")
    .requiredOption('--org <id>', 'organization id')
    .addOption(new Option('--plan <plan>', 'the plan, which sets the service-account quota').choices(PLANS).makeOptionMandatory())
    .action(async (options: { org: string; plan: string }) => {
      const plan = options.plan as Plan; // commander checked it against PLANS
      await withCli((app, context) => app.get(CommandBus).execute(new ChangePlan({ organizationId: options.org, plan, context })));
      process.stdout.write(`organization ${options.org} is on the ${plan} plan\n`);
    });
}
