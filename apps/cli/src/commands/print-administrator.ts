import type { BootstrappedOrganization } from '@keyward/application';

/** An administrator's credentials, printed once (bootstrap, org:recover): JSON for scripts, lines for a person. */
export function printAdministrator(
  result: BootstrappedOrganization,
  options: { readonly json?: boolean; readonly withOrganization: boolean },
): void {
  if (options.json) return void process.stdout.write(JSON.stringify(result) + '\n');
  process.stdout.write(
    [
      ...(options.withOrganization ? [`organization     ${result.orgId}`] : []),
      `service account  ${result.serviceAccountId}`,
      `client_id        ${result.clientId}`,
      `client_secret    ${result.clientSecret}`,
      '',
      'The secret is shown once: store it in your secret manager now.',
      '',
    ].join('\n'),
  );
}
