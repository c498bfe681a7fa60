/**
 * The people an assessment speaks of are people on the resident's KK, referenced by NIK: the
 * resident or a registered household member. Intake copies their name and computes their age
 * from the recorded birth date, so an 8-year-old pupil cannot appear in a household of one man,
 * and nobody retypes an elderly head's age. The elderly are derived, never sent.
 */
import { ageOn } from '@lastri/kernel';

import { problem, type FieldProblem } from '../intake.errors';
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
    const seen = new Set<string>();
    const found: { reference: T; person: Person; age: number; path: string }[] = [];
    references.forEach((reference, index) => {
      const path = `${list}[${index}]`;
      const person = people.get(reference.nik);
      if (!person) {
        problems.push(
          problem(`${path}.nik`, 'not-a-household-member', `NIK ${reference.nik} bukan warga ini maupun anggota KK-nya yang tercatat`),
        );
      } else if (seen.has(reference.nik)) {
        problems.push(problem(`${path}.nik`, 'member-listed-twice', `${person.name} sudah disebut di daftar ini`));
      } else {
        found.push({ reference, person, age: ageOn(person.birthDate, day), path });
      }
      seen.add(reference.nik);
    });
    return found;
  };

  const children = known('children', data.children).map(({ reference, person, age }) => ({
    nik: reference.nik,
    name: person.name,
    age,
    enrolled: reference.enrolled,
    level: reference.level,
    grade: reference.grade,
  }));
  const disabledMembers = known('disabledMembers', data.disabledMembers).map(({ reference, person, age }) => ({
    nik: reference.nik,
    name: person.name,
    age,
    kind: reference.kind,
    severity: reference.severity,
  }));
  const pregnantOrNursingMembers = known('pregnantOrNursingMembers', data.pregnantOrNursingMembers).flatMap(
    ({ reference, person, age, path }) => {
      const implausible = pregnancyProblem(`${path}.nik`, person, age);
      if (implausible) {
        problems.push(implausible);
        return [];
      }
      return [{ nik: reference.nik, name: person.name, age }];
    },
  );
  if (problems.length > 0) return problems;

  const elderlyMembers = peopleOnKk(resident)
    .map((person) => ({ nik: person.nik ?? null, name: person.name, age: ageOn(person.birthDate, day) }))
    .filter((member) => member.age >= ELDERLY_AGE);
  return { children, disabledMembers, elderlyMembers, pregnantOrNursingMembers };
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
