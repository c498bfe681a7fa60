/**
 * Dates as the office counts them. Kota Pasuruan keeps WIB (UTC+7, no daylight saving), so "today",
 * an age or "not in the future" is judged on the WIB calendar day of an instant, not on UTC's: a
 * registration at 06:30 WIB on 1 March is a 1 March registration although UTC still says
 * 28 February, and a case submitted at 01:00 WIB on 1 January is judged by the new year's rules.
 */

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 3339 date-time with an explicit offset, as the event contracts' `date-time` format wants. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** No record the office keeps (a birth date, a rule's effective date) lies before this year. */
const EARLIEST_YEAR = 1800;

/** `YYYY-MM-DD` that names a day of the calendar (no 30 February), from 1800 on. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < EARLIEST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** The WIB calendar day (`YYYY-MM-DD`) of an ISO-8601 instant. */
export function wibDateOf(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(instant)}.`);
  return new Date(time + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Completed years of life on `day` (both `YYYY-MM-DD`); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number);
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const hadBirthday = month > birthMonth || (month === birthMonth && dayOfMonth >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** How far a client's clock may run ahead of the server's before "when it happened" is refused. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function isAfterNow(instant: string, now: string): boolean {
  return Date.parse(instant) > Date.parse(now) + CLOCK_SKEW_MS;
}
