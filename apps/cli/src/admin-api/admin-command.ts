import type { Command } from 'commander';
import { AdminApiClient, credentialsFromEnvironment } from './admin-api-client';

/** Adds --json and runs the action with a client built from the environment. */
export function adminAction<O extends { json?: boolean }>(
  command: Command,
  action: (api: AdminApiClient, options: O, ...args: string[]) => Promise<void>,
): Command {
  return command.option('--json', 'print the API answer as JSON (for scripts)').action(async (...received: unknown[]) => {
    // commander passes the positional arguments, then the options, then the command.
    const positional = received.slice(0, -2) as string[];
    const options = received[received.length - 2] as O;
    await action(new AdminApiClient(credentialsFromEnvironment()), options, ...positional);
  });
}

export const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number`);
  return Number(value);
};

export const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

export const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');
