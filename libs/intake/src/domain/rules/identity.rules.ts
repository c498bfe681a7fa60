/**
 * The checks a front-office clerk makes on a KTP and a KK: the NIK and No. KK are real numbers,
 * the NIK's date part is the person's birth date (+40 on the day for women), the address is in
 * one of Kota Pasuruan's 34 kelurahan, and the KK has exactly one head. Each check returns the
 * problems it found, with the field path under `prefix`, so one answer lists everything to fix.
 */
import { ageOn, checkNik, checkNoKk, describeIdentityProblems, findKelurahan, type IdentityNumberProblem, isCalendarDate, wibDateOf } from '@lastri/kernel';

import { problem, type FieldProblem } from '../intake.errors';
import type { AddressInput } from '../intake.commands';
import type { Address, HouseholdMember, HouseholdRelation, Sex } from '../vocabulary';

const MAX_AGE_YEARS = 130;
const MISMATCH: readonly IdentityNumberProblem[] = ['birth-date-mismatch', 'sex-mismatch'];

export function field(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/** A birth date that is a real day, not after today and not absurdly long ago. */
export function birthDateProblems(path: string, birthDate: string, now: string): FieldProblem[] {
  if (!isCalendarDate(birthDate)) {
    return [problem(path, 'date-invalid', `${birthDate} bukan tanggal yang valid`)];
  }
  const today = wibDateOf(now);
  if (birthDate > today) {
    return [problem(path, 'date-in-future', 'tanggal lahir tidak boleh setelah hari ini')];
  }
  if (ageOn(birthDate, today) > MAX_AGE_YEARS) {
    return [problem(path, 'date-invalid', `tanggal lahir lebih dari ${MAX_AGE_YEARS} tahun yang lalu`)];
  }
  return [];
}

/**
 * The NIK's form, and, when the birth date is usable, that its date part agrees with the birth
 * date and sex. `mismatchField` is where a disagreement is reported: on a correction it is the
 * field the caseworker changed, since that is the one to look at again.
 */
export function nikProblems(
  path: string,
  nik: string,
  person: { birthDate: string; sex: Sex },
  mismatchField: string = path,
): FieldProblem[] {
  const facts = isCalendarDate(person.birthDate) ? person : undefined;
  const check = checkNik(nik, facts);
  if (check.valid) return [];
  const form = check.problems.filter((p) => !MISMATCH.includes(p));
  if (form.length > 0) {
    return [problem(path, 'nik-invalid', describeIdentityProblems('NIK', { valid: false, problems: form }))];
  }
  return [
    problem(
      mismatchField,
      'nik-does-not-match-birth',
      describeIdentityProblems('NIK', check).replace(/^NIK tidak valid: /, 'NIK tidak cocok: '),
    ),
  ];
}

export function noKkProblems(path: string, noKk: string): FieldProblem[] {
  const check = checkNoKk(noKk);
  return check.valid ? [] : [problem(path, 'no-kk-invalid', describeIdentityProblems('No. KK', check))];
}

/** The address with its kecamatan, or the problem with its kelurahan. */
export function resolveAddress(
  path: string,
  input: AddressInput,
): { address: Address; problems: [] } | { address?: undefined; problems: FieldProblem[] } {
  const kelurahan = findKelurahan(input.kelurahanCode);
  if (!kelurahan) {
    return {
      problems: [
        problem(
          field(path, 'kelurahanCode'),
          'kelurahan-unknown',
          `kelurahan ${input.kelurahanCode} bukan salah satu dari 34 kelurahan Kota Pasuruan`,
        ),
      ],
    };
  }
  return {
    address: {
      street: input.street,
      rt: input.rt,
      rw: input.rw,
      kelurahanCode: kelurahan.code,
      kecamatanCode: kelurahan.kecamatanCode,
    },
    problems: [],
  };
}

/** Each member's birth date and NIK, and no NIK twice on one KK (the resident's included). */
export function memberProblems(
  path: string,
  members: readonly HouseholdMember[],
  residentNik: string,
  now: string,
  alreadyListed: readonly HouseholdMember[] = [],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>([residentNik, ...alreadyListed.flatMap((m) => (m.nik ? [m.nik] : []))]);
  members.forEach((member, index) => {
    const at = `${path}[${index}]`;
    const dateProblems = birthDateProblems(`${at}.birthDate`, member.birthDate, now);
    problems.push(...dateProblems);
    if (member.nik === undefined) return;
    problems.push(...nikProblems(`${at}.nik`, member.nik, member));
    if (seen.has(member.nik)) {
      problems.push(
        problem(`${at}.nik`, 'nik-duplicated-in-household', 'NIK ini sudah tercatat pada orang lain di KK ini'),
      );
    }
    seen.add(member.nik);
  });
  return problems;
}

/**
 * A KK has exactly one kepala keluarga: the resident or one of the members. Reported on the
 * resident's relation when there is none, on the extra members when there are several.
 */
export function householdHeadProblems(
  residentRelationField: string,
  residentRelation: HouseholdRelation,
  membersPath: string,
  members: readonly HouseholdMember[],
  { requireOne }: { requireOne: boolean },
): FieldProblem[] {
  const heads = members
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => member.relation === 'KEPALA_KELUARGA');
  const residentIsHead = residentRelation === 'KEPALA_KELUARGA';
  const total = heads.length + (residentIsHead ? 1 : 0);
  if (total === 0 && requireOne) {
    return [
      problem(
        residentRelationField,
        'household-needs-one-head',
        'KK harus memiliki satu kepala keluarga: warga ini atau salah satu anggota keluarga',
      ),
    ];
  }
  if (total > 1) {
    const extra = residentIsHead ? heads : heads.slice(1);
    return extra.map(({ index }) =>
      problem(
        `${membersPath}[${index}].relation`,
        'household-needs-one-head',
        'KK hanya boleh memiliki satu kepala keluarga',
      ),
    );
  }
  return [];
}
