/**
 * A small seeded generator of contract-valid cases for property tests: the same seed gives the
 * same cases on every machine, so a failure is reproducible from the seed it prints.
 */
import type { Random } from '@lastri/kernel';

import type { CaseOptions } from './case-submitted.fixture';

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, lowest: number, highest: number) => lowest + Math.floor(random() * (highest - lowest + 1));
const pad = (n: number) => String(n).padStart(2, '0');

const UMKS = [3_138_838, 3_358_557, 3_555_301];
const LEVELS = [null, 'PAUD', 'SD', 'SMP', 'SMA', 'SMK'] as const;

export function randomCase(random: Random): CaseOptions {
  const year = between(random, 2024, 2026);
  const dtsenStatus = random() < 0.8 ? 'IN_DTSEN' : 'NOT_IN_DTSEN';
  const desil = random() < 0.15 ? null : between(random, 1, 10);
  const umk = pick(random, UMKS);
  return {
    submittedAt: `${year}-${pad(between(random, 1, 12))}-${pad(between(random, 1, 28))}T${pad(between(random, 0, 23))}:${pad(between(random, 0, 59))}:00+07:00`,
    birthDate: `${between(random, 1935, 2015)}-${pad(between(random, 1, 12))}-${pad(between(random, 1, 28))}`,
    kelurahanCode: random() < 0.9 ? pick(random, ['35.75.01.1001', '35.75.02.1006', '35.75.03.1009', '35.75.04.1011']) : '35.14.01.2001',
    needCategory: pick(random, ['EDUCATION', 'SKILLS_TRAINING', 'HEALTH', 'EMPLOYMENT', 'FOOD', 'REHABILITATION', 'DISABILITY_CARE', 'ELDERLY_CARE'] as const),
    vulnerabilityReasons: (['PREGNANT_OR_NURSING', 'ELDERLY', 'DISABILITY', 'VIOLENCE_VICTIM'] as const).filter(() => random() < 0.2),
    assessment: {
      householdIncomePerMonth: random() < 0.5 ? umk + between(random, -2, 2) : between(random, 0, 6_000_000),
      householdSize: between(random, 1, 9),
      dtsenStatus,
      desil,
      children: Array.from({ length: between(random, 0, 4) }, (_, index) => {
        const level = pick(random, LEVELS);
        return { name: `Anak ${index}`, age: between(random, 0, 21), enrolled: level !== null, level, grade: null };
      }),
      disabledMembers: Array.from({ length: between(random, 0, 2) }, (_, index) => ({
        name: `Disabilitas ${index}`,
        kind: pick(random, ['PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'SENSORY', 'MULTIPLE'] as const),
        severity: pick(random, ['MILD', 'MODERATE', 'SEVERE'] as const),
      })),
      elderlyMembers: Array.from({ length: between(random, 0, 2) }, (_, index) => ({ name: `Lansia ${index}`, age: between(random, 60, 95) })),
      pregnantOrNursing: random() < 0.2,
      employmentStatus: pick(random, ['FORMAL_EMPLOYMENT', 'INFORMAL_WORK', 'UNDEREMPLOYED', 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE'] as const),
    },
    homeVisit:
      random() < 0.5
        ? null
        : {
            visitId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
            visitedAt: `${year}-01-01T10:00:00+07:00`,
            findings: 'Temuan kunjungan rumah.',
            verdict: pick(random, ['LAYAK', 'TIDAK_LAYAK', 'TIDAK_DITEMUI'] as const),
          },
  };
}

/** The same JSON value with every object's keys in another (random) order. */
export function shuffledKeys<T>(value: T, random: Random): T {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, random)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    for (let index = entries.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [entries[index], entries[other]] = [entries[other], entries[index]];
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, shuffledKeys(item, random)])) as T;
  }
  return value;
}
