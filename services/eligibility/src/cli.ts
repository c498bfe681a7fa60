/**
 * Eligibility's operations commands without the `lastri` CLI, until that registers them:
 *   node -r @swc-node/register services/eligibility/src/cli.ts eligibility-rerun --determination <id>
 *   node -r @swc-node/register services/eligibility/src/cli.ts eligibility-republish --by <userId> [--as-of YYYY-MM-DD]
 * with EVENT_STORE_URL set (or --store).
 */
import { eligibilityCommands } from '@lastri/eligibility';

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = eligibilityCommands.find((candidate) => candidate.name === name);
  if (!command || rest.includes('--help')) {
    process.stderr.write(command?.usage ?? eligibilityCommands.map((candidate) => `${candidate.name}: ${candidate.summary}\n\n${candidate.usage}`).join('\n'));
    return command ? 0 : 2;
  }
  return command.run(rest, { env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`eligibility: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
