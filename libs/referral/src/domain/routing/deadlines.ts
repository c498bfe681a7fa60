/**
 * A referral's due dates: the end (00:00 WIB of the next day) of the n-th working day after the
 * WIB day it was made, by the route's working days and the Indonesian working-day calendar.
 */
import { endOfWibDay, INDONESIAN_WORKING_DAYS, wibDateOf, type WorkingDayCalendar } from '@lastri/kernel';

import type { Route } from './routing-table';

export interface DueDates {
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
}

export function dueDatesOf(
  createdAt: string,
  route: Pick<Route, 'ackWithinWorkingDays' | 'decideWithinWorkingDays'>,
  calendar: WorkingDayCalendar = INDONESIAN_WORKING_DAYS,
): DueDates {
  const day = wibDateOf(createdAt);
  return {
    acknowledgeDueAt: endOfWibDay(calendar.addWorkingDays(day, route.ackWithinWorkingDays)),
    decideDueAt: endOfWibDay(calendar.addWorkingDays(day, route.decideWithinWorkingDays)),
  };
}
