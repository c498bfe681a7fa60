import { ageOn, isAfterNow, isCalendarDate, isInstant, wibDateOf } from './calendar';

describe('calendar (WIB)', () => {
  it('reads the day of an instant on the WIB calendar, not UTC’s', () => {
    expect(wibDateOf('2025-02-28T23:30:00Z')).toBe('2025-03-01');
    expect(wibDateOf('2025-03-01T06:30:00+07:00')).toBe('2025-03-01');
  });

  it('counts completed years, a birthday included on the day itself', () => {
    expect(ageOn('2007-11-10', '2025-11-09')).toBe(17);
    expect(ageOn('2007-11-10', '2025-11-10')).toBe(18);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
  });

  it('knows which strings are days of the calendar and instants with a zone', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isInstant('2025-11-10T09:00:00+07:00')).toBe(true);
    expect(isInstant('2025-11-10T09:00:00')).toBe(false);
  });

  it('tolerates a client clock a few minutes ahead, not more', () => {
    expect(isAfterNow('2025-11-10T02:04:00Z', '2025-11-10T02:00:00Z')).toBe(false);
    expect(isAfterNow('2025-11-10T02:06:00Z', '2025-11-10T02:00:00Z')).toBe(true);
  });
});
