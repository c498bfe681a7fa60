/**
 * The published rule files at their boundaries, one table per programme: what a caseworker would
 * check against docs/domain.md before trusting the rules.
 */
import { child, type CaseOptions } from '../testing/case-submitted.fixture';
import { catalogueWith, criterionOf, programmeResult, publishedRuleSet, revised } from '../testing/rules.fixture';

const outcome = (programme: Parameters<typeof programmeResult>[0], options: CaseOptions, catalogue?: Parameters<typeof programmeResult>[2]) =>
  programmeResult(programme, options, catalogue).outcome;

describe('PKH: desil 1–4 and a component', () => {
  const pregnant = { pregnantOrNursing: true };
  it.each([
    [1, 'ELIGIBLE'],
    [4, 'ELIGIBLE'],
    [5, 'NOT_ELIGIBLE'],
    [10, 'NOT_ELIGIBLE'],
  ])('desil %i with a pregnant mother → %s', (desil, expected) => {
    expect(outcome('PKH', { assessment: { desil, ...pregnant } })).toBe(expected);
  });

  it('needs a component even in desil 1', () => {
    const result = programmeResult('PKH', { assessment: { desil: 1 } });
    expect(result.outcome).toBe('NOT_ELIGIBLE');
    expect(criterionOf(result, 'HAS_COMPONENT')).toMatchObject({ observed: [], threshold: 1, verdict: 'FAILED' });
  });

  it('explains which components it found', () => {
    const result = programmeResult('PKH', {
      assessment: { children: [child(15, 'SMP'), child(9, 'SD'), child(3)], disabledMembers: [{ name: 'B', kind: 'PHYSICAL', severity: 'SEVERE' }] },
    });
    expect(result.outcome).toBe('ELIGIBLE');
    expect(criterionOf(result, 'HAS_COMPONENT').observed).toEqual(['ANAK_USIA_DINI', 'ANAK_SD', 'ANAK_SMP', 'DISABILITAS_BERAT']);
    expect(criterionOf(result, 'DESIL_AT_MOST')).toMatchObject({ description: 'Desil rumah tangga paling tinggi 4', observed: 3, threshold: 4 });
  });

  it.each([
    [5, 'SD', ['ANAK_USIA_DINI']],
    [6, 'SD', ['ANAK_USIA_DINI', 'ANAK_SD']],
    [7, 'SD', ['ANAK_SD']],
    [21, 'SMA', ['ANAK_SMA']],
    [22, 'SMA', []],
  ] as const)('a child of %i at %s counts as %j', (age, level, components) => {
    const result = programmeResult('PKH', { assessment: { children: [child(age, level)] } });
    expect(criterionOf(result, 'HAS_COMPONENT').observed).toEqual(components);
  });

  it('counts only severe disability', () => {
    const disabled = (severity: 'MILD' | 'MODERATE' | 'SEVERE') => ({ assessment: { disabledMembers: [{ name: 'B', kind: 'SENSORY' as const, severity }] } });
    expect(outcome('PKH', disabled('MODERATE'))).toBe('NOT_ELIGIBLE');
    expect(outcome('PKH', disabled('SEVERE'))).toBe('ELIGIBLE');
  });

  describe('elderly threshold: 70 as published (v1), 60 as the alternative some sources give', () => {
    const sixtyFrom2026 = revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } });
    const catalogue = catalogueWith(sixtyFrom2026);
    const elderly = (age: number, submittedAt: string): CaseOptions => ({ submittedAt, assessment: { elderlyMembers: [{ name: 'Mbah', age }] } });

    it.each([
      [59, 'NOT_ELIGIBLE', 'NOT_ELIGIBLE'],
      [60, 'NOT_ELIGIBLE', 'ELIGIBLE'],
      [69, 'NOT_ELIGIBLE', 'ELIGIBLE'],
      [70, 'ELIGIBLE', 'ELIGIBLE'],
    ])('an elderly member of %i: %s under 70, %s under 60', (age, underSeventy, underSixty) => {
      expect(outcome('PKH', elderly(age, '2025-11-12T10:00:00+07:00'), catalogue)).toBe(underSeventy);
      expect(outcome('PKH', elderly(age, '2026-02-02T10:00:00+07:00'), catalogue)).toBe(underSixty);
    });

    it('says which threshold applied, and the two configurations are different rule-set contents', () => {
      const seventy = programmeResult('PKH', elderly(72, '2025-11-12T10:00:00+07:00'), catalogue);
      const sixty = programmeResult('PKH', elderly(72, '2026-02-02T10:00:00+07:00'), catalogue);
      expect(criterionOf(seventy, 'HAS_COMPONENT').description).toContain('lansia 70 tahun ke atas');
      expect(criterionOf(sixty, 'HAS_COMPONENT').description).toContain('lansia 60 tahun ke atas');
      expect(seventy.ruleSet.contentHash).not.toBe(sixty.ruleSet.contentHash);
      expect([seventy.ruleSet.version, sixty.ruleSet.version]).toEqual(['1', '2']);
    });
  });
});

describe.each(['SEMBAKO', 'PBI_JK'] as const)('%s: desil 1–5', (programme) => {
  it.each([
    [1, 'ELIGIBLE'],
    [5, 'ELIGIBLE'],
    [6, 'NOT_ELIGIBLE'],
  ])('desil %i → %s', (desil, expected) => {
    expect(outcome(programme, { assessment: { desil } })).toBe(expected);
  });
});

describe('SEMBAKO_DAERAH: desil 1–5 and living in Kota Pasuruan', () => {
  it.each([
    [5, '35.75.01.1009', 'ELIGIBLE'],
    [6, '35.75.01.1009', 'NOT_ELIGIBLE'],
    [5, '35.14.01.2001', 'NOT_ELIGIBLE'],
  ])('desil %i in kelurahan %s → %s', (desil, kelurahanCode, expected) => {
    expect(outcome('SEMBAKO_DAERAH', { kelurahanCode, assessment: { desil } })).toBe(expected);
  });
});

describe('PIP: a school child of 6–21 in a poor or vulnerable household', () => {
  it.each([
    [5, 'NOT_ELIGIBLE'],
    [6, 'ELIGIBLE'],
    [21, 'ELIGIBLE'],
    [22, 'NOT_ELIGIBLE'],
  ])('a pupil of %i → %s', (age, expected) => {
    expect(outcome('PIP', { assessment: { children: [child(age, age < 12 ? 'SD' : 'SMK')] } })).toBe(expected);
  });

  it('does not count a child out of school or in PAUD, and needs desil 1–5', () => {
    expect(outcome('PIP', { assessment: { children: [child(10)] } })).toBe('NOT_ELIGIBLE');
    expect(outcome('PIP', { assessment: { children: [child(6, 'PAUD')] } })).toBe('NOT_ELIGIBLE');
    expect(outcome('PIP', { assessment: { desil: 6, children: [child(10, 'SD')] } })).toBe('NOT_ELIGIBLE');
  });

  it('observes the ages of the pupils against the age range', () => {
    const result = programmeResult('PIP', { assessment: { children: [child(15, 'SMP'), child(9, 'SD'), child(3)] } });
    expect(criterionOf(result, 'SCHOOL_CHILD_6_TO_21')).toMatchObject({ observed: [15, 9], threshold: [6, 21], verdict: 'PASSED' });
  });
});

describe('PELATIHAN: working age, out of work or under-employed, household income under the UMK of the year', () => {
  const jobless = (income: number, submittedAt: string): CaseOptions => ({
    submittedAt,
    assessment: { employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: income },
  });

  it.each([
    ['2024-06-03T09:00:00+07:00', 3_138_838],
    ['2025-06-03T09:00:00+07:00', 3_358_557],
    ['2026-06-03T09:00:00+07:00', 3_555_301],
  ])('submitted %s: eligible one rupiah under the UMK (Rp%i), not at or above it', (submittedAt, umk) => {
    expect(outcome('PELATIHAN', jobless(umk - 1, submittedAt))).toBe('ELIGIBLE');
    expect(outcome('PELATIHAN', jobless(umk, submittedAt))).toBe('NOT_ELIGIBLE');
    expect(outcome('PELATIHAN', jobless(umk + 1, submittedAt))).toBe('NOT_ELIGIBLE');
    expect(criterionOf(programmeResult('PELATIHAN', jobless(umk, submittedAt)), 'INCOME_BELOW_UMK').threshold).toBe(umk);
  });

  it('takes the UMK of the WIB date: 1 January at 01:00 WIB is the new year', () => {
    const income = 3_200_000; // under the 2025 UMK, above the 2024 one
    expect(outcome('PELATIHAN', jobless(income, '2024-12-31T23:30:00+07:00'))).toBe('NOT_ELIGIBLE');
    expect(outcome('PELATIHAN', jobless(income, '2024-12-31T18:00:00Z'))).toBe('ELIGIBLE');
  });

  it('cannot decide a year whose UMK is not recorded, and says so', () => {
    const result = programmeResult('PELATIHAN', jobless(1_000_000, '2027-02-01T09:00:00+07:00'));
    expect(result.outcome).toBe('NEEDS_REVIEW');
    expect(criterionOf(result, 'INCOME_BELOW_UMK')).toMatchObject({ verdict: 'UNDETERMINED', threshold: null, observed: 1_000_000 });
  });

  it.each([
    ['UNEMPLOYED', 'ELIGIBLE'],
    ['UNDEREMPLOYED', 'ELIGIBLE'],
    ['INFORMAL_WORK', 'NOT_ELIGIBLE'],
    ['NOT_IN_LABOUR_FORCE', 'NOT_ELIGIBLE'],
  ] as const)('%s → %s', (employmentStatus, expected) => {
    expect(outcome('PELATIHAN', { assessment: { employmentStatus, householdIncomePerMonth: 1_000_000 } })).toBe(expected);
  });
});

describe('KERJA: working-age job seekers', () => {
  // Submitted on 2025-11-12: born on 2010-11-12 is 15 that day, born on 2010-11-13 still 14.
  it.each([
    ['2010-11-13', 'NOT_ELIGIBLE'],
    ['2010-11-12', 'ELIGIBLE'],
    ['1960-11-13', 'ELIGIBLE'],
    ['1960-11-12', 'NOT_ELIGIBLE'],
  ])('born %s → %s', (birthDate, expected) => {
    expect(outcome('KERJA', { birthDate, assessment: { employmentStatus: 'UNEMPLOYED' } })).toBe(expected);
  });
});

describe('ATENSI: a need for social rehabilitation and a target group of Permensos 7/2021', () => {
  it.each([
    ['a child', 'ELIGIBLE', { birthDate: '2012-05-01' }],
    ['an adult with no target group', 'NOT_ELIGIBLE', {}],
    ['a household member with a disability', 'ELIGIBLE', { assessment: { disabledMembers: [{ name: 'B', kind: 'MENTAL' as const, severity: 'MILD' as const }] } }],
    ['an elderly member of 60', 'ELIGIBLE', { assessment: { elderlyMembers: [{ name: 'Mbah', age: 60 }] } }],
    ['a victim of violence', 'ELIGIBLE', { vulnerabilityReasons: ['VIOLENCE_VICTIM' as const] }],
  ])('rehabilitation asked for %s → %s', (_who, expected, options: CaseOptions) => {
    expect(outcome('ATENSI', { needCategory: 'REHABILITATION', ...options })).toBe(expected);
  });

  it('is not for a need outside rehabilitation and care', () => {
    expect(outcome('ATENSI', { needCategory: 'FOOD', vulnerabilityReasons: ['VIOLENCE_VICTIM'] })).toBe('NOT_ELIGIBLE');
  });

  it('does not depend on the desil', () => {
    expect(outcome('ATENSI', { needCategory: 'ELDERLY_CARE', assessment: { desil: 9, elderlyMembers: [{ name: 'Mbah', age: 80 }] } })).toBe('ELIGIBLE');
  });
});
