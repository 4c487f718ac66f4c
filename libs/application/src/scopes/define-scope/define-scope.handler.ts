import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';

export interface DefinedScope {
  readonly name: string;
  readonly description: string;
  readonly builtIn: false;
}

export class DefineScope extends Command<DefinedScope> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly name: string;
      readonly description: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

@CommandHandler(DefineScope)
export class DefineScopeHandler implements ICommandHandler<DefineScope> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ props: { organizationId, name, description, context } }: DefineScope): Promise<DefinedScope> {
    await this.aggregates.execute(
      organizationStream(organizationId),
      organizationDecider,
      { type: 'DefineScope', name, description },
      context,
      { retries: 5 },
    );
    return { name, description, builtIn: false };
  }
}
