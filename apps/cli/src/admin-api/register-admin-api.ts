import type { Command } from 'commander';
import { registerAccounts } from './accounts.command';
import { registerAuditEvents } from './audit-events.command';
import { registerCredentials } from './credentials.command';
import { registerOrganization } from './organization.command';
import { registerReports } from './reports.command';

/**
 * The commands that talk to a running server over its admin API (KEYWARD_URL, KEYWARD_CLIENT_ID,
 * KEYWARD_CLIENT_SECRET), beside the host-side ones (bootstrap, org:set-plan, keys:rotate, audit tail)
 * that open the store.
 */
export function registerAdminApiCommands(program: Command): void {
  registerAccounts(program);
  registerCredentials(program);
  registerOrganization(program);
  registerAuditEvents(program);
  registerReports(program);
}
