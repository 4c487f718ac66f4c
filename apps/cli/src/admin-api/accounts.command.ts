import type { Command } from 'commander';
import { adminAction, list, path } from './admin-command';
import { print, printRecord, printTable } from './cli-output';

const COLUMNS = ['id', 'name', 'status', 'owner', 'tags', 'createdAt'];
const show = (account: Record<string, unknown>) => printRecord({ ...account, credentials: undefined, ...credentialSummary(account) });
const credentialSummary = (account: Record<string, unknown>) =>
  Array.isArray(account.credentials)
    ? {
        credentials:
          account.credentials.map((c: { id: string; name: string; type: string }) => `${c.name} (${c.type}, ${c.id})`).join('; ') || '-',
      }
    : {};

/** `keyward accounts …`: service accounts of the caller's organization (/admin/v1/service-accounts). */
export function registerAccounts(program: Command): void {
  const accounts = program.command('accounts').description('service accounts of your organization (admin API)');
  adminAction<{ json?: boolean; owner?: string; tag?: string }>(
    accounts
      .command('list')
      .description('list service accounts')
      .option('--owner <owner>', 'only those of this owner')
      .option('--tag <tag>', 'only those carrying this tag'),
    async (api, options) => {
      const query = new URLSearchParams({
        ...(options.owner ? { owner: options.owner } : {}),
        ...(options.tag ? { tag: options.tag } : {}),
      }).toString();
      const answer = await api.call<{ items: Record<string, unknown>[] }>('GET', `/service-accounts${query ? `?${query}` : ''}`);
      print(answer, options.json === true, () => printTable(answer.items, COLUMNS));
    },
  );
  adminAction(
    accounts.command('show').description('one service account with its credentials').argument('<id>', 'service account id'),
    async (api, options, id) => {
      print(await api.call('GET', `/service-accounts/${path(id)}`), options.json === true, show);
    },
  );
  adminAction<{ json?: boolean; description?: string; owner?: string; tag?: string[] }>(
    accounts
      .command('create')
      .description('create a service account (one per integration)')
      .argument('<name>', 'unique in the organization')
      .option('--description <text>')
      .option('--owner <owner>', 'a team or a contact')
      .option('--tag <tag>', 'a tag (repeatable, or comma-separated)', list),
    async (api, options, name) => {
      const body = {
        name,
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.tag ? { tags: options.tag } : {}),
      };
      print(await api.call('POST', '/service-accounts', body), options.json === true, printRecord);
    },
  );
  adminAction<{ json?: boolean; description?: string }>(
    accounts
      .command('rename')
      .description('rename a service account')
      .argument('<id>')
      .argument('<name>', 'the new name')
      .option('--description <text>', 'also change the description'),
    async (api, options, id, name) => {
      print(
        await api.call('PATCH', `/service-accounts/${path(id)}`, {
          name,
          ...(options.description !== undefined ? { description: options.description } : {}),
        }),
        options.json === true,
        printRecord,
      );
    },
  );
  adminAction<{ json?: boolean; reason?: string }>(
    accounts
      .command('suspend')
      .description('suspend: its credentials stop working until reactivated')
      .argument('<id>')
      .option('--reason <text>'),
    async (api, options, id) => {
      print(
        await api.call('POST', `/service-accounts/${path(id)}/suspend`, options.reason ? { reason: options.reason } : {}),
        options.json === true,
        printRecord,
      );
    },
  );
  adminAction(
    accounts.command('reactivate').description('reactivate a suspended service account').argument('<id>'),
    async (api, options, id) => {
      print(await api.call('POST', `/service-accounts/${path(id)}/reactivate`), options.json === true, printRecord);
    },
  );
  adminAction(
    accounts.command('delete').description('delete a service account and revoke its credentials').argument('<id>'),
    async (api, options, id) => {
      await api.call('DELETE', `/service-accounts/${path(id)}`);
      print({ deleted: id }, options.json === true, () => process.stdout.write(`deleted ${id}\n`));
    },
  );
}
