import { checkNik, checkNoKk, describeIdentityProblems } from './nik';

describe('NIK', () => {
  it('accepts a woman’s NIK whose day carries the +40 and agrees with her birth date', () => {
    expect(checkNik('3575045203850001', { birthDate: '1985-03-12', sex: 'PEREMPUAN' })).toEqual({ valid: true, problems: [] });
  });

  it('accepts a man’s NIK issued outside Kota Pasuruan', () => {
    expect(checkNik('3171012107900002', { birthDate: '1990-07-21', sex: 'LAKI_LAKI' }).valid).toBe(true);
  });

  it.each([
    ['357504520385001', 'not-16-digits'],
    ['35750452038500a1', 'not-16-digits'],
    ['9975045203850001', 'unknown-province'],
    ['3500045203850001', 'invalid-regency'],
    ['3575005203850001', 'invalid-kecamatan'],
    ['3575043202850001', 'invalid-date'], // a man's day 32
    ['3575047102850001', 'invalid-date'], // woman, day 31, month 02
    ['3575045203850000', 'invalid-serial'],
  ])('refuses %s (%s)', (nik, problem) => {
    expect(checkNik(nik).problems).toContain(problem);
  });

  it('accepts 29 February only in a leap year of either century', () => {
    expect(checkNik('3575042902000001').valid).toBe(true); // 2000 was a leap year
    expect(checkNik('3575042902010001').problems).toContain('invalid-date');
  });

  it('refuses a NIK whose date part disagrees with the recorded birth date or sex', () => {
    expect(checkNik('3575045203850001', { birthDate: '1985-03-13', sex: 'PEREMPUAN' }).problems).toEqual(['birth-date-mismatch']);
    expect(checkNik('3575045203850001', { birthDate: '1985-03-12', sex: 'LAKI_LAKI' }).problems).toEqual(['sex-mismatch']);
  });

  it('explains problems in Bahasa Indonesia', () => {
    expect(describeIdentityProblems('NIK', checkNik('123'))).toBe('NIK tidak valid: harus terdiri dari 16 angka');
  });
});

describe('No. KK', () => {
  it('accepts a KK with a real region and issue date', () => {
    expect(checkNoKk('3575041503100007').valid).toBe(true);
  });

  it('refuses an impossible issue date and a zero serial', () => {
    expect(checkNoKk('3575043113100007').problems).toContain('invalid-date');
    expect(checkNoKk('3575041503100000').problems).toContain('invalid-serial');
  });
});
