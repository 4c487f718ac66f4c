import {
  serviceAccountDecider,
  ServiceAccountNotFound,
  serviceAccountStream,
  type ServiceAccountCommand,
  type ServiceAccountState,
} from '@keyward/domain';
import type { AggregateStore } from '../core/aggregate-store';
import type { CommandContext } from '../core/command-context';

/**
 * Runs a command on a service account of the caller's organization. Another organization's account
 * answers exactly like a missing one (tenant isolation: 404, nothing learned).
 */
export async function executeOnServiceAccount(
  aggregates: AggregateStore,
  organizationId: string,
  serviceAccountId: string,
  command: ServiceAccountCommand | ((state: ServiceAccountState) => ServiceAccountCommand),
  context: CommandContext,
  options: { retries?: number; dryRun?: boolean } = {},
) {
  return aggregates.execute(
    serviceAccountStream(serviceAccountId),
    serviceAccountDecider,
    (state: ServiceAccountState) => {
      if (state.status === 'absent' || state.organizationId !== organizationId) throw new ServiceAccountNotFound();
      return typeof command === 'function' ? command(state) : command;
    },
    context,
    options,
  );
}
