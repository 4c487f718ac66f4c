import type { CommandBus } from '@nestjs/cqrs';
import { ADMIN_SCOPES } from '@keyward/domain';
import type { CommandContext } from '../core/command-context';
import { CreateCredential } from '../credentials/create-credential/create-credential.handler';
import { CreateServiceAccount } from '../service-accounts/create-service-account/create-service-account.handler';
import type { BootstrappedOrganization } from './bootstrap-organization/bootstrap-organization.handler';

/**
 * An organization's administrator: a service account with an OAuth client holding the admin scopes, made
 * through the ordinary commands (so recorded, checked against the quota, named by the naming policy).
 * What bootstrap makes first and org:recover makes again; the secret is in the answer, shown once.
 */
export async function createAdministrator(
  commands: CommandBus,
  admin: {
    readonly organizationId: string;
    readonly accountName: string;
    readonly description: string;
    readonly credentialName: string;
    readonly context: CommandContext;
  },
): Promise<BootstrappedOrganization> {
  const { organizationId, context } = admin;
  const account = await commands.execute(
    new CreateServiceAccount({ organizationId, name: admin.accountName, description: admin.description, context }),
  );
  const credential = await commands.execute(
    new CreateCredential({
      organizationId,
      serviceAccountId: account.id,
      type: 'oauth_client',
      name: admin.credentialName,
      scopes: ADMIN_SCOPES,
      expiresInDays: undefined,
      context,
    }),
  );
  if (credential.type !== 'oauth_client' || !credential.clientSecret)
    throw new Error(`${admin.credentialName} created the wrong credential type`);
  return { orgId: organizationId, serviceAccountId: account.id, clientId: credential.clientId, clientSecret: credential.clientSecret };
}
