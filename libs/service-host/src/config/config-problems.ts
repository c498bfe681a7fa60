/**
 * How a host reads its configuration: every setting is read, every problem is kept with the
 * variable it names, and only then does the start stop, so one run lists everything to fix.
 */
import { AuthConfigError } from '@lastri/auth';

export interface ConfigProblem {
  /** The variable (or variables) at fault. */
  variable: string;
  /** A sentence that names the variable and says what it must be. */
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

/** The variable a setting is read from, and the read that returns its value or throws. */
export type SettingReader<T> = readonly [variable: string, read: () => T];

export type Settings<R extends Record<string, SettingReader<unknown>>> = {
  [K in keyof R]: ReturnType<R[K][1]>;
};

/**
 * Runs every reader in order and returns the values under the same keys, or throws one
 * ConfigError holding a problem per reader that threw. A problem names the reader's variable,
 * or the variables an AuthConfigError names (the auth key may be either of two).
 */
export function collectConfig<R extends Record<string, SettingReader<unknown>>>(
  readers: R,
): Settings<R> {
  const problems: ConfigProblem[] = [];
  const settings: Record<string, unknown> = {};
  for (const [key, [variable, read]] of Object.entries(readers)) {
    try {
      settings[key] = read();
    } catch (error) {
      problems.push({
        variable: error instanceof AuthConfigError ? error.variables.join(', ') : variable,
        message: (error as Error).message,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings as Settings<R>;
}

/**
 * For main.ts: the loaded configuration, or, when it is refused, each problem logged and the
 * process ended with status 1 before anything starts. Other errors are not configuration's and
 * are thrown on.
 */
export function loadConfigOrExit<C>(
  load: () => C,
  logger: { error(message: string): unknown },
  host: string,
): C {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) logger.error(problem.message);
    logger.error(`${host} is not started: fix the configuration above.`);
    return process.exit(1);
  }
}
