/**
 * Working days as the Indonesian government counts them: Monday to Friday, except national
 * holidays and cuti bersama (holidays/indonesia.json, from each year's SKB 3 Menteri). Dates are
 * WIB calendar days (`YYYY-MM-DD`, see calendar.ts); a service-level deadline of "n working days"
 * ends when the n-th working day after the start has passed in WIB.
 */
import indonesia from './holidays/indonesia.json';
import { isCalendarDate } from './calendar';

export interface Holiday {
  readonly date: string;
  readonly name: string;
  readonly kind: 'NATIONAL' | 'CUTI_BERSAMA';
}

export interface HolidayData {
  readonly years: Readonly<Record<string, { readonly source: string; readonly holidays: readonly Holiday[] }>>;
}

export class WorkingDayCalendarError extends Error {
  override readonly name = 'WorkingDayCalendarError';
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WIB_OFFSET = '+07:00';
/** Far enough for any deadline LASTRI sets (60 working days is the longest SLRT tier). */
const MAX_WORKING_DAYS = 366;

export class WorkingDayCalendar {
  private readonly holidays: ReadonlyMap<string, Holiday>;
  private readonly years: ReadonlySet<number>;

  /** Checks the data: real dates, each inside the year it is listed under, none twice. */
  constructor(data: HolidayData) {
    const holidays = new Map<string, Holiday>();
    for (const [year, entry] of Object.entries(data.years)) {
      if (!/^\d{4}$/.test(year)) throw new WorkingDayCalendarError(`Holiday data: "${year}" is not a year.`);
      if (!entry.source?.trim()) throw new WorkingDayCalendarError(`Holiday data ${year}: the source is missing.`);
      for (const holiday of entry.holidays) {
        if (!isCalendarDate(holiday.date) || !holiday.date.startsWith(`${year}-`)) {
          throw new WorkingDayCalendarError(`Holiday data ${year}: ${JSON.stringify(holiday.date)} is not a date of ${year}.`);
        }
        if (holidays.has(holiday.date)) throw new WorkingDayCalendarError(`Holiday data: ${holiday.date} is listed twice.`);
        holidays.set(holiday.date, holiday);
      }
    }
    this.holidays = holidays;
    this.years = new Set(Object.keys(data.years).map(Number));
  }

  /** The years the data covers; a date outside them cannot be judged. */
  coveredYears(): number[] {
    return [...this.years].sort();
  }

  holidayOn(date: string): Holiday | undefined {
    this.checkCovered(date);
    return this.holidays.get(date);
  }

  isWorkingDay(date: string): boolean {
    this.checkCovered(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(date);
  }

  /** The n-th working day after `date` (`date` itself does not count, whether or not it is one). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
      throw new RangeError(`Working days to add must be a whole number from 1 to ${MAX_WORKING_DAYS}; got ${n}.`);
    }
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  private checkCovered(date: string): void {
    if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}.`);
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) {
      throw new WorkingDayCalendarError(
        `No holiday data for ${year} (covered: ${this.coveredYears().join(', ')}): add that year's SKB 3 Menteri to the holiday file.`,
      );
    }
  }
}

/** Indonesia's calendar from the reviewed data file in this library. */
export const INDONESIAN_WORKING_DAYS = new WorkingDayCalendar(indonesia as HolidayData);

export function isWorkingDay(date: string, calendar: WorkingDayCalendar = INDONESIAN_WORKING_DAYS): boolean {
  return calendar.isWorkingDay(date);
}

export function addWorkingDays(date: string, n: number, calendar: WorkingDayCalendar = INDONESIAN_WORKING_DAYS): string {
  return calendar.addWorkingDays(date, n);
}

/** The instant a WIB calendar day is over (00:00 WIB of the next day), as an ISO-8601 UTC instant. */
export function endOfWibDay(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}.`);
  return new Date(`${nextDay(date)}T00:00:00${WIB_OFFSET}`).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
