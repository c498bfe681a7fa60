/** Leaf-by-leaf differences between two JSON values, each named by a JSON pointer. */
export interface Difference {
  readonly path: string;
  readonly recorded: unknown;
  readonly rerun: unknown;
}

export function jsonDifferences(recorded: unknown, rerun: unknown, path = ''): Difference[] {
  if (isPlainObject(recorded) && isPlainObject(rerun)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(rerun)])].sort();
    return keys.flatMap((key) => jsonDifferences(recorded[key], rerun[key], `${path}/${escape(key)}`));
  }
  if (Array.isArray(recorded) && Array.isArray(rerun) && recorded.length === rerun.length) {
    return recorded.flatMap((item, index) => jsonDifferences(item, rerun[index], `${path}/${index}`));
  }
  return JSON.stringify(recorded) === JSON.stringify(rerun) ? [] : [{ path, recorded, rerun }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
