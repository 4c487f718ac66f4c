import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { isPlan } from '@keyward/domain';
import { ChangePlan } from '../../../server/src/admin/organizations/change-plan/change-plan.handler';
import { withCli } from '../cli-context';

/** `org set-plan --org ID --plan P`: billing moves an organization between plans. */
export function registerSetPlan(program: Command): void {
  program
    .command('org:set-plan')
    .description("change an organization's plan (and so its service-account quota)")
    .requiredOption('--org <id>', 'organization id')
    .requiredOption('--plan <plan>', 'free | standard | enterprise')
    .action(async (options: { org: string; plan: string }) => {
      if (!isPlan(options.plan)) throw new Error(`--plan must be free, standard or enterprise (got "${options.plan}")`);
      const plan = options.plan;
      await withCli((app, context) => app.get(CommandBus).execute(new ChangePlan(options.org, plan, context)));
      process.stdout.write(`organization ${options.org} is on the ${plan} plan\n`);
    });
}
