/**
 * Eligibility's subcommands for the `lastri` CLI, shaped like tools/cli's CliCommand so the CLI
 * registers them as they are (`registry.register(...eligibilityCommands)`), without this library
 * depending on the CLI:
 *
 *   lastri eligibility-rerun --determination <id>            re-run a past determination (auditors)
 *   lastri eligibility-republish --by <userId> [--as-of D]   make the rules in force on D those of every open case
 *
 * Both open the store named by --store or EVENT_STORE_URL and print JSON on stdout.
 */
import { createEventStore, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { parseArgs } from 'node:util';

import { EligibilityCaseIndex } from '../application/case-index/eligibility-case-index';
import { EligibilityQueries } from '../application/queries/eligibility-queries';
import { isEligibilityError } from '../domain/determination/eligibility.errors';
import { RepublishRules } from '../application/republish-rules/republish-rules';
import { RerunDetermination } from '../application/rerun-determination/rerun-determination';
import type { RuleCatalogue } from '../domain/rules/rule-catalogue';
import { loadRuleCatalogue } from '../infrastructure/rule-files';

export interface EligibilityCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface EligibilityCliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: EligibilityCliIo): Promise<number>;
}

/** What the commands run against; tests pass their own store and clock. */
export interface EligibilityCliContext {
  openStore?(url: string): Promise<EventStore>;
  catalogue?: RuleCatalogue;
  clock?: Clock;
}

const EXIT_OK = 0;
const EXIT_COULD_NOT_RUN = 1;
const EXIT_USAGE = 2;
/** The re-run finished and found a difference: distinct from a failure to run at all (1). */
export const EXIT_NOT_IDENTICAL = 3;

const rerunUsage = `Usage: lastri eligibility-rerun --determination <id> [--store <EVENT_STORE_URL>]

Re-evaluates a past eligibility determination with the rule-set versions it pinned and the inputs
it recorded, checks the inputs against the intake events at the recorded store positions, and
prints the report as JSON. Exit status: 0 identical, ${EXIT_NOT_IDENTICAL} different, 1 could not run, 2 usage.
`;

const republishUsage = `Usage: lastri eligibility-republish --by <userId> [--as-of YYYY-MM-DD] [--store <EVENT_STORE_URL>]

Makes the rule-set versions in force on the day (default today, WIB; never a later day) the rules
of every open case. Determinations are appended only for cases whose outcome changes; the report
(JSON) lists them and why. Running it again for the same day and rules appends nothing.
--by names who republishes, as recorded in the events' metadata (admin:<userId>).
`;

export function eligibilityCommandsWith(context: EligibilityCliContext = {}): EligibilityCliCommand[] {
  const open = async (url: string | undefined) => {
    if (!url) throw new Error('No event store: pass --store or set EVENT_STORE_URL.');
    return (context.openStore ?? createEventStore)(url);
  };
  const dependencies = (store: EventStore) => ({
    store,
    catalogue: context.catalogue ?? loadRuleCatalogue(),
    clock: context.clock ?? systemClock,
  });

  return [
    {
      name: 'eligibility-rerun',
      summary: 're-run a past eligibility determination and report whether the result is identical',
      usage: rerunUsage,
      async run(argv, io) {
        const options = parse(argv, { determination: { type: 'string' }, store: { type: 'string' } });
        if (!options || typeof options.determination !== 'string') {
          io.stderr(`lastri eligibility-rerun: --determination is required.\n\n${rerunUsage}`);
          return EXIT_USAGE;
        }
        const store = await open(stringOption(options.store) ?? io.env['EVENT_STORE_URL']);
        try {
          const deps = dependencies(store);
          const queries = new EligibilityQueries(store, new EligibilityCaseIndex(store));
          const location = await queries.locateDetermination(options.determination);
          const report = isEligibilityError(location)
            ? location
            : await new RerunDetermination(deps).run(location.residentId, location.caseId, options.determination);
          if (isEligibilityError(report)) {
            io.stderr(`lastri eligibility-rerun: ${report.message}\n`);
            return EXIT_COULD_NOT_RUN;
          }
          io.stdout(`${JSON.stringify(report, null, 2)}\n`);
          io.stderr(report.identical ? 'Identical: the determination follows from its recorded inputs and rules.\n' : 'NOT identical: see differences.\n');
          return report.identical ? EXIT_OK : EXIT_NOT_IDENTICAL;
        } finally {
          await store.close();
        }
      },
    },
    {
      name: 'eligibility-republish',
      summary: 'make the eligibility rules in force on a day those of every open case, reporting which cases changed',
      usage: republishUsage,
      async run(argv, io) {
        const options = parse(argv, { by: { type: 'string' }, 'as-of': { type: 'string' }, store: { type: 'string' } });
        const by = stringOption(options?.by);
        if (!options || !by || !/^\S+$/.test(by)) {
          io.stderr(`lastri eligibility-republish: --by <userId> is required.\n\n${republishUsage}`);
          return EXIT_USAGE;
        }
        const store = await open(stringOption(options.store) ?? io.env['EVENT_STORE_URL']);
        try {
          const asOf = stringOption(options['as-of']);
          const report = await new RepublishRules(dependencies(store), new EligibilityCaseIndex(store)).run({
            ...(asOf ? { asOf } : {}),
            actor: `admin:${by}`,
          });
          if (isEligibilityError(report)) {
            io.stderr(`lastri eligibility-republish: ${report.message}\n\n${republishUsage}`);
            return EXIT_USAGE;
          }
          io.stdout(`${JSON.stringify(report, null, 2)}\n`);
          io.stderr(`Republication ${report.republicationId} (${report.asOf}): ${report.openCases} open cases, ${report.reevaluated} re-evaluated, ${report.changed.length} changed.\n`);
          return EXIT_OK;
        } finally {
          await store.close();
        }
      },
    },
  ];
}

/** The commands with the published rules, the system clock and the store named by the URL. */
export const eligibilityCommands: readonly EligibilityCliCommand[] = eligibilityCommandsWith();

type OptionSpec = Record<string, { type: 'string' }>;

function parse(argv: readonly string[], spec: OptionSpec): Record<string, string | boolean | undefined> | undefined {
  try {
    return parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch {
    return undefined;
  }
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
