import { UsageError, type CliCommand, type CliIo } from './cli-command';
import { CommandRegistry } from './command-registry';

function capture(env: CliIo['env'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { env, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'print the arguments',
  usage: 'Usage: lastri echo <words…>\n',
  async run(argv, io) {
    if (argv.length === 0) throw new UsageError('nothing to echo.');
    if (argv[0] === 'fail') throw new Error('the store is unreachable');
    io.stdout(`${argv.join(' ')}\n`);
    return 0;
  },
};

describe('CommandRegistry', () => {
  const registry = new CommandRegistry().register(echo);

  it('runs the named command with the remaining arguments and returns its exit code', async () => {
    const terminal = capture();
    expect(await registry.run(['echo', 'halo', 'Pasuruan'], terminal.io)).toBe(0);
    expect(terminal.stdout()).toBe('halo Pasuruan\n');
  });

  it('lists the commands for help, and on stderr with exit 2 when no command is given', async () => {
    const help = capture();
    expect(await registry.run(['help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/Commands:\n {2}echo {2}print the arguments/);

    const none = capture();
    expect(await registry.run([], none.io)).toBe(2);
    expect(none.stderr()).toMatch(/Usage: lastri <command>/);
  });

  it('shows a command\'s usage for --help and for "help <command>"', async () => {
    for (const argv of [
      ['echo', '--help'],
      ['help', 'echo'],
    ]) {
      const terminal = capture();
      expect(await registry.run(argv, terminal.io)).toBe(0);
      expect(terminal.stdout()).toBe(echo.usage);
    }
  });

  it('refuses an unknown command with exit 2', async () => {
    const terminal = capture();
    expect(await registry.run(['rerun'], terminal.io)).toBe(2);
    expect(terminal.stderr()).toMatch(/^lastri: unknown command "rerun"/);
  });

  it('answers a usage error with the message and the usage, exit 2; any other error with exit 1', async () => {
    const usage = capture();
    expect(await registry.run(['echo'], usage.io)).toBe(2);
    expect(usage.stderr()).toBe('lastri echo: nothing to echo.\n\nUsage: lastri echo <words…>\n');

    const failure = capture();
    expect(await registry.run(['echo', 'fail'], failure.io)).toBe(1);
    expect(failure.stderr()).toBe('lastri echo: the store is unreachable\n');
  });

  it('refuses two commands with one name, and names that are not plain words', () => {
    expect(() => new CommandRegistry().register(echo).register({ ...echo })).toThrow(
      /two commands are named "echo"/,
    );
    expect(() => new CommandRegistry().register({ ...echo, name: 'Echo All' })).toThrow(
      /must be lower-case/,
    );
  });
});
