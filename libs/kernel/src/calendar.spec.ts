import { ageOn, isAfterNow, isCalendarDate, isInstant, wibDateOf } from './calendar';

describe('calendar (WIB)', () => {
  it.each([
    ['2025-02-28T23:30:00Z', '2025-03-01'],
    ['2025-03-01T06:30:00+07:00', '2025-03-01'],
    ['2024-12-31T16:59:59Z', '2024-12-31'],
    ['2024-12-31T17:00:00Z', '2025-01-01'],
    ['2025-01-01T01:00:00+07:00', '2025-01-01'],
  ])('the WIB day of %s is %s', (instant, day) => {
    expect(wibDateOf(instant)).toBe(day);
  });

  it('refuses to name the day of something that is not an instant', () => {
    expect(() => wibDateOf('kemarin')).toThrow(RangeError);
  });

  it.each([
    ['2007-11-10', '2025-11-09', 17],
    ['2007-11-10', '2025-11-10', 18],
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
  ])('born %s, on %s one is %i (a birthday counts on the day itself)', (birthDate, day, age) => {
    expect(ageOn(birthDate, day)).toBe(age);
  });

  it('knows which strings are days of the calendar and instants with a zone', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
    expect(isCalendarDate('1799-12-31')).toBe(false);
    expect(isCalendarDate(20250101)).toBe(false);
    expect(isInstant('2025-11-10T09:00:00+07:00')).toBe(true);
    expect(isInstant('2025-11-10T09:00:00')).toBe(false);
  });

  it('tolerates a client clock a few minutes ahead, not more', () => {
    expect(isAfterNow('2025-11-10T02:04:00Z', '2025-11-10T02:00:00Z')).toBe(false);
    expect(isAfterNow('2025-11-10T02:06:00Z', '2025-11-10T02:00:00Z')).toBe(true);
  });
});
