import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';

export class DefineScope {
  constructor(
    readonly organizationId: string,
    readonly name: string,
    readonly description: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DefineScope)
export class DefineScopeHandler implements ICommandHandler<DefineScope> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ organizationId, name, description, context }: DefineScope) {
    await this.aggregates.execute(organizationStream(organizationId), organizationDecider, { type: 'DefineScope', name, description }, context, { retries: 5 });
    return { name, description, builtIn: false };
  }
}
