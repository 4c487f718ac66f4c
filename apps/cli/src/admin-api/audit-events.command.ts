import type { Command } from 'commander';
import { adminAction, integer } from './admin-command';
import { print, printTable } from './cli-output';

interface AuditPage {
  readonly items: { time: string; type: string; subject?: string; data: { actor?: string; outcome?: string } }[];
  readonly next: string | null;
}

/** `keyward audit events`: the organization's audit records from the admin API, newest first, paged. */
export function registerAuditEvents(program: Command): void {
  const audit = program.commands.find((command) => command.name() === 'audit') ?? program.command('audit').description('the audit trail');
  adminAction<{ json?: boolean; account?: string; limit?: number; before?: string; all?: boolean }>(
    audit
      .command('events')
      .description('audit records of your organization, newest first (admin API; needs read:audit-log)')
      .option('--account <id>', 'only records about this service account')
      .option('--limit <n>', 'records per page (1 – 500, default 50)', integer('--limit'))
      .option('--before <cursor>', 'the page after this cursor (the `next` of a previous page)')
      .option('--all', 'follow `next` until the oldest record'),
    async (api, options) => {
      const pages: AuditPage[] = [];
      let before = options.before;
      do {
        const query = new URLSearchParams({
          ...(options.account ? { serviceAccountId: options.account } : {}),
          ...(options.limit ? { limit: String(options.limit) } : {}),
          ...(before ? { before } : {}),
        });
        const page = await api.call<AuditPage>('GET', `/audit-events${query.size ? `?${query}` : ''}`);
        pages.push(page);
        before = page.next ?? undefined;
      } while (options.all && before);
      const items = pages.flatMap((page) => page.items);
      const answer = { items, next: pages[pages.length - 1].next };
      print(answer, options.json === true, () => {
        printTable(
          items.map((r) => ({ time: r.time, type: r.type, subject: r.subject, actor: r.data.actor, outcome: r.data.outcome })),
          ['time', 'type', 'subject', 'actor', 'outcome'],
        );
        if (answer.next) process.stderr.write(`more: --before ${answer.next}\n`);
      });
    },
  );
}
