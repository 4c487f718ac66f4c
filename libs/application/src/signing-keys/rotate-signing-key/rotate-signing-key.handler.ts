import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { KeywardConfig } from '@keyward/config';
import type { SigningAlgorithm } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '../../core/tokens';
import { createSigningKey, type CreatedSigningKey } from '../signing-key-rotation';

export class RotateSigningKey extends Command<CreatedSigningKey> {
  constructor(
    readonly props: {
      readonly alg: SigningAlgorithm | undefined;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** On-demand rotation (admin API, CLI): the new key is published now and signs after the propagation delay. */
@CommandHandler(RotateSigningKey)
export class RotateSigningKeyHandler implements ICommandHandler<RotateSigningKey, CreatedSigningKey> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ props: { alg, context } }: RotateSigningKey): Promise<CreatedSigningKey> {
    return createSigningKey(this.aggregates, this.config, this.clock(), 'on_demand', context, alg);
  }
}
