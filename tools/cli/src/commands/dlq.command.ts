import { DEAD_LETTER_USAGE, runDeadLetterCli } from '@lastri/messaging';

import type { CliCommand } from '../cli-command';

/** `lastri dlq list|redrive --consumer <name>`: an operator's view of a consumer's dead letters. */
export const dlqCommand: CliCommand = {
  name: 'dlq',
  summary: "list or re-drive a consumer's dead letters (Kafka, or the event store in standalone mode)",
  usage: DEAD_LETTER_USAGE,
  run: (argv, io) =>
    runDeadLetterCli(argv, io.env as NodeJS.ProcessEnv, {
      out: (line) => io.stdout(`${line}\n`),
      err: (line) => io.stderr(`${line}\n`),
    }),
};
