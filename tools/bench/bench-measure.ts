/**
 * Small helpers shared by the benchmarks under tools/bench: settings from the command line or
 * the environment, timing, percentiles, and plain-text tables. Benchmarks measure and print;
 * they never assert a timing.
 */

/**
 * A positive integer setting: `--name=value` on the command line wins over `BENCH_NAME` in the
 * environment (dashes become underscores), which wins over the default. A wrong value stops
 * the run with a message naming both spellings.
 */
export function integerSetting(name: string, fallback: number): number {
  const raw = rawSetting(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `--${name} / ${environmentName(name)} must be a positive integer; got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

/** A comma-separated list setting, each item one of `allowed`. */
export function listSetting<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: readonly T[],
): T[] {
  const raw = rawSetting(name);
  if (raw === undefined) return [...fallback];
  const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0) {
    throw new RangeError(
      `--${name} / ${environmentName(name)} takes a comma-separated list of ${allowed.join(', ')}; got ${JSON.stringify(raw)}.`,
    );
  }
  return items as T[];
}

/** A free-text setting (a path, a URL), or undefined when not given. */
export function textSetting(name: string): string | undefined {
  return rawSetting(name);
}

function rawSetting(name: string): string | undefined {
  const prefix = `--${name}=`;
  const argument = process.argv.slice(2).find((arg) => arg.startsWith(prefix));
  if (argument !== undefined) return argument.slice(prefix.length);
  const fromEnvironment = process.env[environmentName(name)];
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : fromEnvironment;
}

function environmentName(name: string): string {
  return `BENCH_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** Wall-clock milliseconds of `work`, from a monotonic clock. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Nearest-rank percentile (0 < p ≤ 100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Geometric mean of positive numbers; NaN when any is missing or not positive. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0 || values.some((value) => !(value > 0))) return Number.NaN;
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** A rate for a table cell: thousands separated, no decimals (`12,345`); `-` when unknown. */
export function formatRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? Math.round(perSecond).toLocaleString('en-US') : '-';
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a';
}

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, each as wide as
 * its widest cell. `header` rows come above a rule.
 */
export function renderTable(header: string[][], rows: string[][]): string {
  const all = [...header, ...rows];
  const columns = Math.max(...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...all.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    widths
      .map((width, column) =>
        column === 0 ? (row[column] ?? '').padEnd(width) : (row[column] ?? '').padStart(width),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [...header.map(line), rule, ...rows.map(line)].join('\n');
}
