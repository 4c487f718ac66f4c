import type { Command } from 'commander';
import { adminAction, integer } from './admin-command';
import { print, printRecord, printTable } from './cli-output';

const nullable = (name: string) => (value: string) => (value === 'none' ? null : integer(name)(value));
const pattern = (value: string): { pattern: string; description: string } | null => {
  if (value === 'none') return null;
  const [regex, ...description] = value.split('=');
  return { pattern: regex, description: description.join('=') || regex };
};

/** `keyward scopes …`, `keyward org …`, `keyward signing-keys …`: the organization and its catalog. */
export function registerOrganization(program: Command): void {
  const scopes = program.command('scopes').description("the organization's scope catalog (admin API)");
  adminAction(scopes.command('list').description('list scopes'), async (api, options) => {
    const answer = await api.call<{ items: Record<string, unknown>[] }>('GET', '/scopes');
    print(answer, options.json === true, () => printTable(answer.items, ['name', 'description']));
  });
  adminAction(
    scopes
      .command('define')
      .description('define a scope credentials may then be given')
      .argument('<name>', 'action:resource')
      .argument('<description>'),
    async (api, options, name, description) => {
      print(await api.call('POST', '/scopes', { name, description }), options.json === true, printRecord);
    },
  );

  const org = program.command('org').description('your organization and its policy (admin API)');
  adminAction(org.command('show').description('plan, quota and use'), async (api, options) => {
    print(await api.call('GET', '/organization'), options.json === true, printRecord);
  });
  const policy = org.command('policy').description('token lifetime cap, credential maximum ages, ownership and naming rules');
  adminAction(policy.command('show').description('the policy'), async (api, options) => {
    print(await api.call('GET', '/organization/policy'), options.json === true, printRecord);
  });
  adminAction<{
    json?: boolean;
    maxTokenLifetime?: number;
    secretMaxAgeDays?: number | null;
    apiTokenMaxAgeDays?: number | null;
    requireOwner?: string;
    accountNames?: object | null;
    credentialNames?: object | null;
  }>(
    policy
      .command('set')
      .description('change the policy (fields left out keep their value)')
      .option('--max-token-lifetime <seconds>', 'cap on access token lifetimes', integer('--max-token-lifetime'))
      .option('--secret-max-age-days <days|none>', 'client secrets must be rotated within', nullable('--secret-max-age-days'))
      .option('--api-token-max-age-days <days|none>', 'API tokens expire within', nullable('--api-token-max-age-days'))
      .option('--require-owner <true|false>', 'every service account must name an owner')
      .option('--account-names <regex=description|none>', 'service account names must match', pattern)
      .option('--credential-names <regex=description|none>', 'credential names must match', pattern),
    async (api, options) => {
      const body = {
        ...(options.maxTokenLifetime !== undefined ? { maxAccessTokenLifetimeSeconds: options.maxTokenLifetime } : {}),
        ...(options.secretMaxAgeDays !== undefined ? { clientSecretMaxAgeDays: options.secretMaxAgeDays } : {}),
        ...(options.apiTokenMaxAgeDays !== undefined ? { apiTokenMaxAgeDays: options.apiTokenMaxAgeDays } : {}),
        ...(options.requireOwner !== undefined ? { requireOwner: options.requireOwner === 'true' } : {}),
        ...(options.accountNames !== undefined ? { accountNamePattern: options.accountNames } : {}),
        ...(options.credentialNames !== undefined ? { credentialNamePattern: options.credentialNames } : {}),
      };
      print(await api.call('PUT', '/organization/policy', body), options.json === true, printRecord);
    },
  );
  adminAction<{ json?: boolean; dryRun?: boolean }>(
    org
      .command('lockdown')
      .description('break glass: suspend every account but yours')
      .requiredOption('--reason <text>')
      .option('--dry-run', 'list what would stop, change nothing'),
    async (api, options) => {
      const { reason } = options as unknown as { reason: string };
      print(
        await api.call('POST', '/organization/lockdown', { reason, dryRun: options.dryRun === true }),
        options.json === true,
        printRecord,
      );
    },
  );
  adminAction(org.command('lift-lockdown').description('reactivate the accounts the lockdown suspended'), async (api, options) => {
    print(await api.call('POST', '/organization/lockdown/lift'), options.json === true, printRecord);
  });

  const keys = program
    .command('signing-keys')
    .description("the server's token signing keys (admin API; rotation: operator organization only)");
  adminAction(keys.command('list').description('keys in the JWKS, with their state'), async (api, options) => {
    const answer = await api.call<{ items?: Record<string, unknown>[] } | Record<string, unknown>[]>('GET', '/signing-keys');
    const items = Array.isArray(answer) ? answer : (answer.items ?? []);
    print(answer, options.json === true, () => printTable(items, ['kid', 'alg', 'state', 'createdAt', 'activatedAt', 'removeAfter']));
  });
  adminAction<{ json?: boolean; alg?: string }>(
    keys.command('rotate').description('a new signing key, published before it signs').option('--alg <alg>', 'ES256, EdDSA or RS256'),
    async (api, options) => {
      print(await api.call('POST', '/signing-keys/rotate', options.alg ? { alg: options.alg } : {}), options.json === true, printRecord);
    },
  );
}
