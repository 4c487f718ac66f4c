import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { RevokeSigningKey } from '@keyward/application';
import { withCli } from '../cli-context';

/** `keys:revoke KID [--json]`: emergency revocation of a signing key (recorded as SigningKeyRevoked). */
export function registerRevokeKey(program: Command): void {
  program
    .command('keys:revoke')
    .description(
      'revoke a signing key at once: it leaves the JWKS and no token it signed is accepted any more (the active key is replaced at once)',
    )
    .argument('<kid>', 'the key id (see GET /admin/v1/signing-keys or the JWKS)')
    .option('--json', 'print JSON only')
    .action(async (kid: string, options: { json?: boolean }) => {
      const revoked = await withCli((app, context) => app.get(CommandBus).execute(new RevokeSigningKey({ kid, context })));
      process.stdout.write(
        options.json
          ? JSON.stringify(revoked) + '\n'
          : `signing key ${revoked.kid} revoked at ${revoked.revokedAt}${revoked.replacementKid ? `; ${revoked.replacementKid} signs from now on` : ''}\n`,
      );
    });
}
