/**
 * `lastri agency-key issue|rotate|revoke|list --agency <id>`: the key API's use cases from the
 * operator's terminal, against the store named by --store or EVENT_STORE_URL. Shaped like
 * tools/cli's CliCommand so the CLI registers it as it is, without this library depending on it.
 * Results are JSON on stdout (a new key appears there once: pipe it where it belongs).
 */
import { createEventStore, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { parseArgs } from 'node:util';

import { AgencyApiKeys } from '../application/agency-keys/agency-api-keys.query';
import type {
  AgencyKeysDependencies,
  KeyOperator,
} from '../application/agency-keys/agency-keys-dependencies';
import { IssueApiKey } from '../application/agency-keys/issue-api-key.handler';
import { RevokeApiKey } from '../application/agency-keys/revoke-api-key.handler';
import { MAX_GRACE_HOURS, RotateApiKey } from '../application/agency-keys/rotate-api-key.handler';
import { isAgencyKeyError } from '../domain/agency-keys/agency-keys.errors';

export interface AgencyKeyCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface AgencyKeyCliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: AgencyKeyCliIo): Promise<number>;
}

/** What the command runs against; tests pass their own store and clock. */
export interface AgencyKeyCliContext {
  openStore?(url: string): Promise<EventStore>;
  clock?: Clock;
}

const EXIT_OK = 0;
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

const USAGE = `Usage: lastri agency-key <action> --agency <agencyId> [options] [--store <EVENT_STORE_URL>]

  list    the agency's keys: prefix and status, never the key
  issue   a new key, printed once [--expires-at <ISO instant>] --by <userId>
  rotate  a new key for --key <keyId>; the old one works --grace-hours N more (default 24, at most ${MAX_GRACE_HOURS}) --by <userId>
  revoke  --key <keyId> --reason <text> --by <userId>: the key stops working at once

--by names the operator, recorded as admin:<userId>. Exit status: 0 done, 1 refused, 2 usage.
`;

export function agencyKeyCommandWith(context: AgencyKeyCliContext = {}): AgencyKeyCliCommand {
  return {
    name: 'agency-key',
    summary: "issue, rotate, revoke or list a partner agency's API keys",
    usage: USAGE,
    async run(argv, io) {
      const args = parse(argv);
      if (typeof args === 'string') {
        io.stderr(`lastri agency-key: ${args}\n\n${USAGE}`);
        return EXIT_USAGE;
      }
      const url = args.store ?? io.env['EVENT_STORE_URL'];
      if (!url) {
        io.stderr('lastri agency-key: no event store: pass --store or set EVENT_STORE_URL.\n');
        return EXIT_USAGE;
      }
      const store = await (context.openStore ?? createEventStore)(url);
      try {
        const deps: AgencyKeysDependencies = { store, clock: context.clock ?? systemClock };
        const answer = await perform(args, deps);
        if (isAgencyKeyError(answer)) {
          io.stderr(`lastri agency-key: ${answer.type}: ${answer.message}\n`);
          return EXIT_REFUSED;
        }
        io.stdout(`${JSON.stringify(answer, null, 2)}\n`);
        return EXIT_OK;
      } finally {
        await store.close();
      }
    },
  };
}

export const agencyKeyCommand = agencyKeyCommandWith();

interface Args {
  readonly action: 'list' | 'issue' | 'rotate' | 'revoke';
  readonly agencyId: string;
  readonly keyId?: string;
  readonly operator?: KeyOperator;
  readonly expiresAt?: string;
  readonly graceHours?: number;
  readonly reason?: string;
  readonly store?: string;
}

function perform(args: Args, deps: AgencyKeysDependencies) {
  const { agencyId, keyId = '', operator = { actor: '' } } = args;
  switch (args.action) {
    case 'list':
      return new AgencyApiKeys(deps).list(agencyId);
    case 'issue':
      return new IssueApiKey(deps).handle({ agencyId, expiresAt: args.expiresAt }, operator);
    case 'rotate':
      return new RotateApiKey(deps).handle(
        { agencyId, keyId, graceHours: args.graceHours },
        operator,
      );
    case 'revoke':
      return new RevokeApiKey(deps).handle(
        { agencyId, keyId, reason: args.reason ?? '' },
        operator,
      );
  }
}

/** The arguments, or what is wrong with them. */
function parse(argv: readonly string[]): Args | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        agency: { type: 'string' },
        key: { type: 'string' },
        by: { type: 'string' },
        'expires-at': { type: 'string' },
        'grace-hours': { type: 'string' },
        reason: { type: 'string' },
        store: { type: 'string' },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (!isAction(action) || extra.length > 0) return 'say list, issue, rotate or revoke.';
  if (!values.agency) return '--agency is required.';
  if (action !== 'list' && !values.by)
    return '--by <userId> is required: who does this is recorded.';
  if ((action === 'rotate' || action === 'revoke') && !values.key)
    return '--key <keyId> is required.';
  if (action === 'revoke' && !values.reason?.trim()) return '--reason is required.';
  const grace = values['grace-hours'];
  if (grace !== undefined && (!/^\d+$/.test(grace) || Number(grace) > MAX_GRACE_HOURS)) {
    return `--grace-hours must be a whole number from 0 to ${MAX_GRACE_HOURS}.`;
  }
  const expiresAt = values['expires-at'];
  if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt)))
    return '--expires-at must be an ISO-8601 instant.';
  return {
    action,
    agencyId: values.agency,
    keyId: values.key,
    operator: values.by ? { actor: `admin:${values.by}` } : undefined,
    expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt).toISOString(),
    graceHours: grace === undefined ? undefined : Number(grace),
    reason: values.reason,
    store: values.store,
  };
}

function isAction(value: string | undefined): value is Args['action'] {
  return value === 'list' || value === 'issue' || value === 'rotate' || value === 'revoke';
}
