/**
 * NIK (Nomor Induk Kependudukan) and No. KK (Kartu Keluarga) numbers, as docs/domain.md describes
 * them. NIK: province (2) + regency/city (2) + kecamatan (2) + birth date DDMMYY with 40 added
 * to the day for women + serial (4, from 0001). No. KK: region of issue (6) + issue date
 * DDMMYY + serial (4). The region is where the number was first issued, so residents of Kota
 * Pasuruan may hold numbers from anywhere in Indonesia.
 */

/** Province codes of Kemendagri / BPS, including the Papua provinces formed in 2022. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76',
  '81', '82', '91', '92', '93', '94', '95', '96',
]);

export type Sex = 'LAKI_LAKI' | 'PEREMPUAN';

export type IdentityNumberProblem =
  | 'not-16-digits'
  | 'unknown-province'
  | 'invalid-regency'
  | 'invalid-kecamatan'
  | 'invalid-date'
  | 'invalid-serial'
  | 'birth-date-mismatch'
  | 'sex-mismatch';

export interface IdentityNumberCheck {
  valid: boolean;
  problems: IdentityNumberProblem[];
}

/** Messages a caseworker reads, in Bahasa Indonesia. */
export const IDENTITY_NUMBER_MESSAGES: Record<IdentityNumberProblem, string> = {
  'not-16-digits': 'harus terdiri dari 16 angka',
  'unknown-province': 'kode provinsi tidak dikenal',
  'invalid-regency': 'kode kabupaten/kota tidak valid',
  'invalid-kecamatan': 'kode kecamatan tidak valid',
  'invalid-date': 'bagian tanggal bukan tanggal yang valid',
  'invalid-serial': 'nomor urut tidak boleh 0000',
  'birth-date-mismatch': 'tanggal lahir pada NIK tidak sesuai dengan tanggal lahir yang dicatat',
  'sex-mismatch': 'jenis kelamin pada NIK tidak sesuai dengan yang dicatat',
};

function regionProblems(digits: string): IdentityNumberProblem[] {
  const problems: IdentityNumberProblem[] = [];
  if (!PROVINCE_CODES.has(digits.slice(0, 2))) problems.push('unknown-province');
  const regency = Number(digits.slice(2, 4));
  // Regencies are numbered from 01, cities from 71; 00 and the gap above 79 do not exist.
  if (regency === 0 || regency > 79) problems.push('invalid-regency');
  if (digits.slice(4, 6) === '00') problems.push('invalid-kecamatan');
  return problems;
}

function isRealDate(day: number, month: number, yearTwoDigits: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Any century gives the same day count except for 29 February: allow it if either does.
  const daysIn = (year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= Math.max(daysIn(1900 + yearTwoDigits), daysIn(2000 + yearTwoDigits));
}

export interface NikBirthFacts {
  /** ISO date `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
}

/** Checks a NIK's form and, when given, that its date part agrees with the birth date and sex. */
export function checkNik(nik: string, facts?: NikBirthFacts): IdentityNumberCheck {
  if (!/^[0-9]{16}$/.test(nik)) return { valid: false, problems: ['not-16-digits'] };
  const problems = regionProblems(nik);
  const rawDay = Number(nik.slice(6, 8));
  const isWoman = rawDay > 40;
  const day = isWoman ? rawDay - 40 : rawDay;
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  if (!isRealDate(day, month, year)) problems.push('invalid-date');
  if (nik.slice(12) === '0000') problems.push('invalid-serial');
  if (facts && !problems.includes('invalid-date')) {
    const [birthYear, birthMonth, birthDay] = facts.birthDate.split('-').map(Number);
    if (birthDay !== day || birthMonth !== month || birthYear % 100 !== year) problems.push('birth-date-mismatch');
    if ((facts.sex === 'PEREMPUAN') !== isWoman) problems.push('sex-mismatch');
  }
  return { valid: problems.length === 0, problems };
}

/** Checks a No. KK: region of issue, a real issue date, a non-zero serial. */
export function checkNoKk(noKk: string): IdentityNumberCheck {
  if (!/^[0-9]{16}$/.test(noKk)) return { valid: false, problems: ['not-16-digits'] };
  const problems = regionProblems(noKk);
  const day = Number(noKk.slice(6, 8));
  const month = Number(noKk.slice(8, 10));
  const year = Number(noKk.slice(10, 12));
  if (!isRealDate(day, month, year)) problems.push('invalid-date');
  if (noKk.slice(12) === '0000') problems.push('invalid-serial');
  return { valid: problems.length === 0, problems };
}

/** A sentence for a caseworker: `NIK tidak valid: harus terdiri dari 16 angka`. */
export function describeIdentityProblems(label: 'NIK' | 'No. KK', check: IdentityNumberCheck): string {
  return `${label} tidak valid: ${check.problems.map((p) => IDENTITY_NUMBER_MESSAGES[p]).join('; ')}`;
}
