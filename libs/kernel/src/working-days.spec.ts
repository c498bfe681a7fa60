import {
  addWorkingDays,
  endOfWibDay,
  INDONESIAN_WORKING_DAYS,
  isWorkingDay,
  WorkingDayCalendar,
  WorkingDayCalendarError,
} from './working-days';

describe('working days (Indonesia)', () => {
  it('skips the weekend: two working days after a Friday is the Tuesday', () => {
    expect(addWorkingDays('2025-11-14', 2)).toBe('2025-11-18');
    expect(isWorkingDay('2025-11-15')).toBe(false);
    expect(isWorkingDay('2025-11-17')).toBe(true);
  });

  it('skips national holidays and cuti bersama: Lebaran 2025 closes the office from 28 March to 7 April', () => {
    expect(addWorkingDays('2025-03-27', 1)).toBe('2025-04-08');
    expect(isWorkingDay('2025-04-02')).toBe(false);
    expect(INDONESIAN_WORKING_DAYS.holidayOn('2025-04-02')?.kind).toBe('CUTI_BERSAMA');
    expect(INDONESIAN_WORKING_DAYS.holidayOn('2025-03-31')?.kind).toBe('NATIONAL');
  });

  it('counts across Christmas and the year end', () => {
    expect(addWorkingDays('2025-12-24', 2)).toBe('2025-12-30');
    expect(addWorkingDays('2025-12-30', 2)).toBe('2026-01-02');
  });

  it('does not count the start day, even when it is a working day', () => {
    expect(addWorkingDays('2025-11-17', 1)).toBe('2025-11-18');
    expect(addWorkingDays('2025-11-16', 1)).toBe('2025-11-17');
  });

  it('refuses a year the holiday file does not cover rather than guess', () => {
    expect(() => addWorkingDays('2028-03-01', 2)).toThrow(WorkingDayCalendarError);
    expect(() => addWorkingDays('2027-12-30', 5)).toThrow(/2028/);
  });

  it('checks its data at construction', () => {
    const source = 'test';
    expect(() => new WorkingDayCalendar({ years: { '2025': { source, holidays: [{ date: '2026-01-01', name: 'x', kind: 'NATIONAL' }] } } })).toThrow(/not a date of 2025/);
    expect(() => new WorkingDayCalendar({ years: { '2025': { source: '', holidays: [] } } })).toThrow(/source/);
    expect(() => addWorkingDays('2025-11-14', 0)).toThrow(RangeError);
  });

  it('ends a WIB day at midnight WIB, 17:00 UTC', () => {
    expect(endOfWibDay('2025-11-18')).toBe('2025-11-18T17:00:00.000Z');
  });
});
