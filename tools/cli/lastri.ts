/**
 * `lastri`, the command line of LASTRI. Each subcommand lives in src/commands/ and uses only the
 * public API of the library it belongs to; register new ones below.
 */
import { eligibilityCommands } from '@lastri/eligibility';
import { agencyKeyCommand } from '@lastri/referral';

import { CommandRegistry } from './src/command-registry';
import { dlqCommand } from './src/commands/dlq.command';
import { tokenCommand } from './src/commands/token.command';
import { topicsCommand } from './src/commands/topics.command';

const registry = new CommandRegistry().register(tokenCommand).register(dlqCommand).register(topicsCommand).register(agencyKeyCommand);
for (const command of eligibilityCommands) registry.register(command);

registry
  .run(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  })
  .then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.stderr.write(
        `lastri: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
