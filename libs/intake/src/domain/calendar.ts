/**
 * Dates as the office reads them. Kota Pasuruan keeps WIB (UTC+7, no daylight saving), so "today",
 * an age or "not in the future" is judged on the WIB calendar day of an instant, not on UTC's: a
 * registration at 06:30 WIB on 1 March is a 1 March registration although UTC still says 28 February.
 */

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 3339 date-time with an explicit offset, as the event contracts' `date-time` format wants. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` that names a day of the calendar (no 30 February). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** The WIB calendar day of an instant. */
export function wibDateOf(instant: string): string {
  return new Date(Date.parse(instant) + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** Completed years between a birth date and a day (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** How far a client's clock may run ahead of the server's before "when it happened" is refused. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function isAfterNow(instant: string, now: string): boolean {
  return Date.parse(instant) > Date.parse(now) + CLOCK_SKEW_MS;
}
