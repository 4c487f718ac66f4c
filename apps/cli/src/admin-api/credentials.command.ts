import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { adminAction, integer, list, path } from './admin-command';
import { print, printRecord } from './cli-output';

const SHOWN_ONCE = 'The secret is shown once: store it in your secret manager now.';
const showCreated = (answer: Record<string, unknown>) => {
  printRecord(answer);
  if (answer.clientSecret || answer.token || answer.apiToken) process.stderr.write(`${SHOWN_ONCE}\n`);
};
const jsonFile = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** `keyward credentials …`: OAuth clients and API tokens of a service account. */
export function registerCredentials(program: Command): void {
  const credentials = program
    .command('credentials')
    .description('credentials of a service account: OAuth clients and API tokens (admin API)');
  adminAction<{
    json?: boolean;
    type: string;
    scope: string[];
    audience?: string[];
    expiresInDays?: number;
    lifetime?: number;
    jwks?: string;
  }>(
    credentials
      .command('create')
      .description('create a credential; a client secret or API token is printed once')
      .argument('<account-id>')
      .argument('<name>')
      .addOption(new Option('--type <type>', 'oauth_client or api_token').choices(['oauth_client', 'api_token']).default('oauth_client'))
      .requiredOption('--scope <scope>', 'a scope it may request (repeatable, or comma-separated)', list)
      .option('--audience <uri>', 'an audience its tokens may name (RFC 8707; repeatable)', list)
      .option('--expires-in-days <days>', 'api_token: lifetime in days', integer('--expires-in-days'))
      .option('--lifetime <seconds>', 'oauth_client: access token lifetime', integer('--lifetime'))
      .option('--jwks <file>', 'oauth_client: a JWK set file of public keys (private_key_jwt, no secret)'),
    async (api, options, accountId, name) => {
      const body = {
        type: options.type,
        name,
        scopes: options.scope,
        ...(options.audience ? { audiences: options.audience } : {}),
        ...(options.expiresInDays !== undefined ? { expiresInDays: options.expiresInDays } : {}),
        ...(options.lifetime !== undefined ? { accessTokenLifetimeSeconds: options.lifetime } : {}),
        ...(options.jwks ? { jwks: jsonFile(options.jwks) } : {}),
      };
      print(await api.call('POST', `/service-accounts/${path(accountId)}/credentials`, body), options.json === true, showCreated);
    },
  );
  adminAction<{ json?: boolean; name?: string; scope?: string[]; audience?: string[]; lifetime?: number }>(
    credentials
      .command('update')
      .description('change a credential: name, scopes, audiences, token lifetime')
      .argument('<account-id>')
      .argument('<credential-id>')
      .option('--name <name>')
      .option('--scope <scope>', 'replaces the scopes (repeatable, or comma-separated)', list)
      .option('--audience <uri>', 'replaces the audiences (repeatable)', list)
      .option('--lifetime <seconds>', 'access token lifetime', integer('--lifetime')),
    async (api, options, accountId, credentialId) => {
      const body = {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.scope ? { scopes: options.scope } : {}),
        ...(options.audience ? { audiences: options.audience } : {}),
        ...(options.lifetime !== undefined ? { accessTokenLifetimeSeconds: options.lifetime } : {}),
      };
      print(
        await api.call('PATCH', `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}`, body),
        options.json === true,
        printRecord,
      );
    },
  );
  adminAction<{ json?: boolean; grace?: number }>(
    credentials
      .command('rotate')
      .description('a new client secret, printed once; the old one works for the grace period')
      .argument('<account-id>')
      .argument('<credential-id>')
      .option('--grace <seconds>', 'how long the old secret keeps working (0 – 604800, default 86400)', integer('--grace')),
    async (api, options, accountId, credentialId) => {
      const body = options.grace !== undefined ? { graceSeconds: options.grace } : {};
      print(
        await api.call('POST', `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}/rotate`, body),
        options.json === true,
        showCreated,
      );
    },
  );
  adminAction(
    credentials.command('revoke').description('revoke a credential for good').argument('<account-id>').argument('<credential-id>'),
    async (api, options, accountId, credentialId) => {
      await api.call('DELETE', `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}`);
      print({ revoked: credentialId }, options.json === true, () => process.stdout.write(`revoked ${credentialId}\n`));
    },
  );
  const keys = credentials.command('keys').description('public keys of a private_key_jwt client (RFC 7523)');
  adminAction(
    keys
      .command('add')
      .description('add a public JWK (file) to a client')
      .argument('<account-id>')
      .argument('<credential-id>')
      .argument('<jwk-file>'),
    async (api, options, accountId, credentialId, file) => {
      print(
        await api.call('POST', `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}/keys`, { jwk: jsonFile(file) }),
        options.json === true,
        printRecord,
      );
    },
  );
  adminAction(
    keys.command('remove').description('remove a public key by kid').argument('<account-id>').argument('<credential-id>').argument('<kid>'),
    async (api, options, accountId, credentialId, kid) => {
      print(
        await api.call('DELETE', `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}/keys/${path(kid)}`),
        options.json === true,
        printRecord,
      );
    },
  );
}
