import { UsageError, type CliCommand, type CliIo } from './cli-command';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** The subcommands of `lastri`, by name, and the dispatch from argv to one of them. */
export class CommandRegistry {
  private readonly commands = new Map<string, CliCommand>();

  register(command: CliCommand): this {
    if (!/^[a-z][a-z0-9-]*$/.test(command.name)) {
      throw new Error(
        `lastri: command name ${JSON.stringify(command.name)} must be lower-case letters, digits and "-".`,
      );
    }
    if (this.commands.has(command.name)) {
      throw new Error(`lastri: two commands are named "${command.name}".`);
    }
    this.commands.set(command.name, command);
    return this;
  }

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.stderr(this.help());
      return EXIT_USAGE;
    }
    if (name === 'help' || name === '--help' || name === '-h') {
      const command = rest[0] === undefined ? undefined : this.commands.get(rest[0]);
      io.stdout(command ? command.usage : this.help());
      return 0;
    }
    const command = this.commands.get(name);
    if (command === undefined) {
      io.stderr(`lastri: unknown command "${name}".\n\n${this.help()}`);
      return EXIT_USAGE;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage);
      return 0;
    }
    try {
      return await command.run(rest, io);
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`lastri ${name}: ${error.message}\n\n${command.usage}`);
        return EXIT_USAGE;
      }
      io.stderr(`lastri ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
  }

  help(): string {
    const width = Math.max(0, ...[...this.commands.keys()].map((name) => name.length));
    const lines = [...this.commands.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
    return [
      'Usage: lastri <command> [options]',
      '',
      'Commands:',
      ...lines,
      '',
      'lastri help <command> shows its options.',
      '',
    ].join('\n');
  }
}
