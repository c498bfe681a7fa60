/**
 * The contract between the `lastri` entry and a subcommand. A library contributes a command by
 * exporting what the command needs (here, in a tools/cli/src/commands/<name>.command.ts) and
 * registering it in tools/cli/lastri.ts; the library itself never depends on the CLI.
 */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Results only (a token, JSON), so that `$(lastri …)` captures exactly them. */
  stdout(text: string): void;
  /** Everything meant for the person at the terminal: warnings, summaries, errors. */
  stderr(text: string): void;
}

export interface CliCommand {
  /** What follows `lastri`: lower-case, no spaces. */
  readonly name: string;
  /** One line for `lastri help`. */
  readonly summary: string;
  /** The full usage text, printed for `--help` and after a usage error. */
  readonly usage: string;
  /** Resolves to the process exit code. Throws UsageError for wrong arguments. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Wrong or missing arguments: the registry prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
