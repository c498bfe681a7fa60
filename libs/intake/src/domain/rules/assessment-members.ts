/**
 * The people an assessment speaks of are people on the resident's KK, referenced by NIK: the
 * resident or a registered household member (by name, a member without a NIK yet, such as a newborn). Intake copies their name and computes their age
 * from the recorded birth date, so an 8-year-old pupil cannot appear in a household of one man,
 * and nobody retypes an elderly head's age. The elderly are derived, never sent.
 */
import { ageOn } from '@lastri/kernel';

import { problem, type FieldProblem, type IntakeRule } from '../intake.errors';
import type { RecordAssessment } from '../intake.commands';
import type { RecordedAssessment, RegisteredResident } from '../intake.state';
import {
  ELDERLY_AGE,
  PREGNANCY_PLAUSIBLE_AGES,
  type AssessedDisabledMember,
  type ElderlyMember,
  type MemberReference,
  type PregnantOrNursingMember,
  type SchoolChild,
  type Sex,
} from '../vocabulary';

/** Someone on the KK as currently recorded; nik is absent for a member without one yet. */
interface Person {
  nik?: string;
  name: string;
  birthDate: string;
  sex: Sex;
}

/** The resident first, then the other people on the KK, in their recorded order. */
function peopleOnKk(resident: RegisteredResident): Person[] {
  const { nik, name, birthDate, sex } = resident.profile;
  return [{ nik, name, birthDate, sex }, ...resident.household];
}

function byNik(resident: RegisteredResident): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const person of peopleOnKk(resident)) if (person.nik !== undefined) people.set(person.nik, person);
  return people;
}

export interface AssessedMembers {
  children: SchoolChild[];
  disabledMembers: AssessedDisabledMember[];
  elderlyMembers: ElderlyMember[];
  pregnantOrNursingMembers: PregnantOrNursingMember[];
}

/**
 * The assessment's members as the event records them, on `day` (YYYY-MM-DD, WIB), or the
 * problems with the references: a NIK not on the KK, a person listed twice in one list, a
 * pregnancy that cannot be (a man, or an age outside PREGNANCY_PLAUSIBLE_AGES).
 */
export function assessedMembers(
  data: RecordAssessment['data'],
  resident: RegisteredResident,
  day: string,
): AssessedMembers | FieldProblem[] {
  const people = byNik(resident);
  const problems: FieldProblem[] = [];
  const known = <T extends MemberReference>(list: string, references: readonly T[]) => {
    const seen = new Set<Person>();
    const found: { reference: T; person: Person; age: number; path: string }[] = [];
    references.forEach((reference, index) => {
      const path = `${list}[${index}]`;
      const resolved = resolve(reference, people, resident);
      if ('refusal' in resolved) {
        problems.push(problem(`${path}.${resolved.field}`, resolved.refusal, resolved.message));
      } else if (seen.has(resolved.person)) {
        problems.push(problem(`${path}.${resolved.field}`, 'member-listed-twice', `${resolved.person.name} sudah disebut di daftar ini`));
      } else {
        seen.add(resolved.person);
        found.push({ reference, person: resolved.person, age: ageOn(resolved.person.birthDate, day), path });
      }
    });
    return found;
  };

  const children = known('children', data.children).map(({ reference, person, age }) => ({
    nik: person.nik ?? null,
    name: person.name,
    age,
    enrolled: reference.enrolled,
    level: reference.level,
    grade: reference.grade,
  }));
  const disabledMembers = known('disabledMembers', data.disabledMembers).map(({ reference, person, age }) => ({
    nik: person.nik ?? null,
    name: person.name,
    age,
    kind: reference.kind,
    severity: reference.severity,
  }));
  const pregnantOrNursingMembers = known('pregnantOrNursingMembers', data.pregnantOrNursingMembers).flatMap(
    ({ person, age, path }) => {
      const implausible = pregnancyProblem(`${path}.nik`, person, age);
      if (implausible) {
        problems.push(implausible);
        return [];
      }
      if (person.nik === undefined) {
        // A woman's own NIK is always issued before she can be pregnant; without it, the record is incomplete.
        problems.push(problem(`${path}.name`, 'member-needs-nik', `${person.name} belum tercatat ber-NIK: catat NIK-nya di KK dulu`));
        return [];
      }
      return [{ nik: person.nik, name: person.name, age }];
    },
  );
  if (problems.length > 0) return problems;

  const elderlyMembers = peopleOnKk(resident)
    .map((person) => ({ nik: person.nik ?? null, name: person.name, age: ageOn(person.birthDate, day) }))
    .filter((member) => member.age >= ELDERLY_AGE);
  return { children, disabledMembers, elderlyMembers, pregnantOrNursingMembers };
}

type Resolved = { person: Person; field: 'nik' | 'name' } | { refusal: IntakeRule; field: 'nik' | 'name'; message: string };

/** The person a reference names: by NIK among everyone on the KK, or by name among members without one. */
function resolve(reference: MemberReference, people: Map<string, Person>, resident: RegisteredResident): Resolved {
  if (reference.nik !== undefined) {
    const person = people.get(reference.nik);
    return person
      ? { person, field: 'nik' }
      : { refusal: 'not-a-household-member', field: 'nik', message: `NIK ${reference.nik} bukan warga ini maupun anggota KK-nya yang tercatat` };
  }
  const name = normalisedName(reference.name ?? '');
  const matches = resident.household.filter((member) => member.nik === undefined && normalisedName(member.name) === name);
  if (matches.length === 1) return { person: matches[0], field: 'name' };
  if (matches.length > 1) {
    return { refusal: 'member-ambiguous', field: 'name', message: `ada ${matches.length} anggota KK tanpa NIK bernama ${reference.name}: catat NIK mereka dulu` };
  }
  return {
    refusal: 'not-a-household-member',
    field: 'name',
    message: `tidak ada anggota KK tanpa NIK bernama ${reference.name}; anggota yang ber-NIK disebut dengan NIK-nya`,
  };
}

/** Names as typed and as on the KK differ in case and spacing, never in letters. */
function normalisedName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

function pregnancyProblem(field: string, person: Person, age: number): FieldProblem | undefined {
  if (person.sex !== 'PEREMPUAN') {
    return problem(field, 'pregnancy-implausible', `${person.name} tercatat laki-laki: hamil atau menyusui hanya dicatat untuk perempuan`);
  }
  const { min, max } = PREGNANCY_PLAUSIBLE_AGES;
  if (age < min || age > max) {
    return problem(field, 'pregnancy-implausible', `${person.name} berusia ${age} tahun: hamil atau menyusui dicatat untuk usia ${min}–${max} tahun`);
  }
  return undefined;
}

/**
 * Where a recorded assessment no longer matches the KK: a person it references was removed or
 * had their NIK corrected, or a pregnancy's member is now recorded as a man. Items without a NIK
 * (assessments recorded before members were referenced) cannot be checked and are left alone.
 */
export function assessmentMismatches(resident: RegisteredResident, assessment: RecordedAssessment['data']): FieldProblem[] {
  const people = byNik(resident);
  const problems: FieldProblem[] = [];
  const lists = {
    children: assessment.children,
    disabledMembers: assessment.disabledMembers,
    elderlyMembers: assessment.elderlyMembers,
    pregnantOrNursingMembers: assessment.pregnantOrNursingMembers,
  };
  for (const [list, members] of Object.entries(lists)) {
    members.forEach((member: { nik: string | null; name: string }, index) => {
      if (member.nik === null) return;
      const person = people.get(member.nik);
      const field = `assessment.${list}[${index}].nik`;
      if (!person) {
        problems.push(problem(field, 'assessment-outdated', `${member.name} tidak lagi tercatat di KK dengan NIK ${member.nik}: catat asesmen ulang`));
      } else if (list === 'pregnantOrNursingMembers' && person.sex !== 'PEREMPUAN') {
        problems.push(problem(field, 'assessment-outdated', `${person.name} kini tercatat laki-laki: catat asesmen ulang`));
      }
    });
  }
  return problems;
}
