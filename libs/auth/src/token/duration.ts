const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** A token lifetime: whole seconds, or "90s", "30m", "8h", "7d". */
export type Duration = number | `${number}${keyof typeof UNIT_SECONDS}`;

export function durationSeconds(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (Number.isInteger(duration) && duration > 0) return duration;
  } else {
    const match = /^(\d+)([smhd])$/.exec(duration.trim());
    if (match && Number(match[1]) > 0)
      return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  }
  throw new RangeError(
    `Invalid duration ${JSON.stringify(duration)}: use whole seconds or e.g. "90s", "30m", "8h", "7d".`,
  );
}
