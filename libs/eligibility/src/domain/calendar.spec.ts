import { ageOn, isIsoDate, wibDate } from './calendar';

describe('calendar', () => {
  it.each([
    ['2024-12-31T16:59:59Z', '2024-12-31'],
    ['2024-12-31T17:00:00Z', '2025-01-01'],
    ['2025-01-01T01:00:00+07:00', '2025-01-01'],
    ['2025-11-12T14:00:00+07:00', '2025-11-12'],
  ])('the WIB day of %s is %s', (instant, day) => {
    expect(wibDate(instant)).toBe(day);
  });

  it.each([
    ['2010-11-12', '2025-11-11', 14],
    ['2010-11-12', '2025-11-12', 15],
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
  ])('born %s, on %s one is %i', (birthDate, onDate, age) => {
    expect(ageOn(birthDate, onDate)).toBe(age);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });
});
