import type { Command } from 'commander';
import { adminAction, integer, path } from './admin-command';
import { print, printTable } from './cli-output';

interface HygieneReport {
  readonly generatedAt: string;
  readonly windowDays: number;
  readonly credentials: readonly {
    serviceAccountId: string;
    credentialId: string;
    name: string;
    type: string;
    lastUsedAt: string | null;
    unusedScopes: readonly string[];
    findings: readonly { code: string; message: string }[];
  }[];
}

interface Narrowed {
  readonly dryRun: boolean;
  readonly credentialId: string;
  readonly windowDays: number;
  readonly scopes: readonly string[];
  readonly removedScopes: readonly string[];
}

const windowOption = ['--window-days <n>', 'the usage window in days (1 – 365, default 30)', integer('--window-days')] as const;

/**
 * Least privilege from a terminal: `keyward reports hygiene` (what each credential was granted and used,
 * with its findings) and `keyward credentials narrow` (scopes cut to those used; --dry-run first).
 */
export function registerReports(program: Command): void {
  const reports = program.command('reports').description('reports on your organization (admin API)');
  adminAction<{ json?: boolean; windowDays?: number }>(
    reports
      .command('hygiene')
      .description('credential hygiene: scopes granted and used, age, rotation, findings (needs read:service-accounts)')
      .option(...windowOption),
    async (api, options) => {
      const query = options.windowDays !== undefined ? `?windowDays=${options.windowDays}` : '';
      const report = await api.call<HygieneReport>('GET', `/reports/credential-hygiene${query}`);
      print(report, options.json === true, () =>
        printTable(
          report.credentials.map((c) => ({
            account: c.serviceAccountId,
            credential: c.credentialId,
            name: c.name,
            type: c.type,
            lastUsed: c.lastUsedAt,
            unusedScopes: c.unusedScopes,
            findings: c.findings.map((f) => f.code),
          })),
          ['account', 'credential', 'name', 'type', 'lastUsed', 'unusedScopes', 'findings'],
        ),
      );
    },
  );

  const credentials = program.commands.find((command) => command.name() === 'credentials');
  if (!credentials) throw new Error('register the credentials commands before the reports');
  adminAction<{ json?: boolean; windowDays?: number; dryRun?: boolean }>(
    credentials
      .command('narrow')
      .description('set the scopes to those its tokens used in the window, never to none (try --dry-run first)')
      .argument('<account-id>')
      .argument('<credential-id>')
      .option(...windowOption)
      .option('--dry-run', 'show what it would keep and drop; change nothing'),
    async (api, options, accountId, credentialId) => {
      const body = { dryRun: options.dryRun === true, ...(options.windowDays !== undefined ? { windowDays: options.windowDays } : {}) };
      const answer = await api.call<Narrowed>(
        'POST',
        `/service-accounts/${path(accountId)}/credentials/${path(credentialId)}/narrow`,
        body,
      );
      print(answer, options.json === true, () =>
        process.stdout.write(
          `${answer.dryRun ? 'would keep' : 'kept'}: ${answer.scopes.join(',') || '-'}\n` +
            `${answer.dryRun ? 'would drop' : 'dropped'}: ${answer.removedScopes.join(',') || '-'}\n`,
        ),
      );
    },
  );
}
