import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

export type Programme = EligibilityDeterminedV1Data['programmes'][number]['programme'];

/** Every programme eligibility decides, in the order determinations list them. */
export const PROGRAMMES: readonly Programme[] = [
  'PKH',
  'SEMBAKO',
  'SEMBAKO_DAERAH',
  'PBI_JK',
  'PIP',
  'ATENSI',
  'PELATIHAN',
  'KERJA',
];

export function isProgramme(value: unknown): value is Programme {
  return typeof value === 'string' && (PROGRAMMES as readonly string[]).includes(value);
}

export function programmeOrder(a: Programme, b: Programme): number {
  return PROGRAMMES.indexOf(a) - PROGRAMMES.indexOf(b);
}
