import { evaluate } from '../../testing/rules.fixture';
import type { CaseOptions } from '../../testing/case-submitted.fixture';

const outcomes = (options: CaseOptions) =>
  Object.fromEntries(evaluate(options).programmes.map(({ programme, outcome }) => [programme, outcome]));

const DESIL_PROGRAMMES = ['PKH', 'SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK', 'PIP'];
const visit = (verdict: 'LAYAK' | 'TIDAK_LAYAK' | 'TIDAK_DITEMUI') => ({
  visitId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  visitedAt: '2025-11-12T10:30:00+07:00',
  findings: 'Temuan kunjungan.',
  verdict,
});
const pregnantPupil = { pregnantOrNursing: true, children: [{ name: 'A', age: 9, enrolled: true, level: 'SD' as const, grade: 4 }] };

describe('evaluateCase: when the welfare data cannot settle a programme', () => {
  it('settles everything from DTSEN when the household has a desil: no review', () => {
    const evaluation = evaluate({ assessment: pregnantPupil });
    expect(evaluation.reviewReasons).toEqual([]);
    expect(outcomes({ assessment: pregnantPupil })).toMatchObject({ PKH: 'ELIGIBLE', SEMBAKO: 'ELIGIBLE', PIP: 'ELIGIBLE' });
  });

  it('sends desil programmes to review when DTSEN has no desil yet; failures elsewhere still decide', () => {
    const options: CaseOptions = { assessment: { desil: null } };
    const evaluation = evaluate(options);
    expect(outcomes(options)).toEqual({
      PKH: 'NOT_ELIGIBLE', // no component: fails whatever the desil
      SEMBAKO: 'NEEDS_REVIEW',
      SEMBAKO_DAERAH: 'NEEDS_REVIEW',
      PBI_JK: 'NEEDS_REVIEW',
      PIP: 'NOT_ELIGIBLE',
      ATENSI: 'NOT_ELIGIBLE',
      PELATIHAN: 'NOT_ELIGIBLE',
      KERJA: 'NOT_ELIGIBLE',
    });
    expect(evaluation.reviewReasons).toEqual([{ code: 'DESIL_UNKNOWN', description: 'Rumah tangga tercatat di DTSEN tetapi belum memiliki desil' }]);
    const sembako = evaluation.programmes.find(({ programme }) => programme === 'SEMBAKO');
    expect(sembako?.criteria[0]).toMatchObject({ observed: null, threshold: 5, verdict: 'UNDETERMINED' });
  });

  it.each([
    [null, ['NOT_IN_DTSEN', 'HOME_VISIT_MISSING']],
    ['TIDAK_DITEMUI', ['NOT_IN_DTSEN', 'HOME_VISIT_TIDAK_DITEMUI']],
    ['TIDAK_LAYAK', ['NOT_IN_DTSEN', 'HOME_VISIT_TIDAK_LAYAK']],
    ['LAYAK', ['NOT_IN_DTSEN']],
  ] as const)('outside DTSEN with home visit %s: review for %j', (verdict, codes) => {
    const options: CaseOptions = { assessment: { dtsenStatus: 'NOT_IN_DTSEN', desil: null, ...pregnantPupil }, homeVisit: verdict && visit(verdict) };
    const evaluation = evaluate(options);
    expect(evaluation.reviewReasons.map(({ code }) => code)).toEqual(codes);
    for (const programme of DESIL_PROGRAMMES) expect(outcomes(options)[programme]).toBe('NEEDS_REVIEW');
  });

  it('does not trust a desil recorded for a household outside DTSEN, and names the conflict', () => {
    const options: CaseOptions = { assessment: { dtsenStatus: 'NOT_IN_DTSEN', desil: 2 }, homeVisit: visit('LAYAK') };
    expect(evaluate(options).reviewReasons.map(({ code }) => code)).toEqual(['NOT_IN_DTSEN', 'DATA_CONFLICT']);
    expect(outcomes(options).SEMBAKO).toBe('NEEDS_REVIEW');
  });

  it('sends an eligible desil programme to review when a home visit judged the household TIDAK_LAYAK', () => {
    const options: CaseOptions = { assessment: { desil: 2, ...pregnantPupil }, homeVisit: visit('TIDAK_LAYAK') };
    expect(outcomes(options)).toMatchObject({ PKH: 'NEEDS_REVIEW', SEMBAKO: 'NEEDS_REVIEW', PIP: 'NEEDS_REVIEW', KERJA: 'NOT_ELIGIBLE' });
    expect(evaluate(options).reviewReasons).toEqual([
      { code: 'HOME_VISIT_TIDAK_LAYAK', description: 'Kunjungan rumah menilai tidak layak, berbeda dengan desil DTSEN 2' },
    ]);
  });

  it('leaves programmes that do not read the desil to the rules', () => {
    const options: CaseOptions = {
      assessment: { dtsenStatus: 'NOT_IN_DTSEN', desil: null, employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 800_000 },
    };
    expect(outcomes(options)).toMatchObject({ PELATIHAN: 'ELIGIBLE', KERJA: 'ELIGIBLE', ATENSI: 'NOT_ELIGIBLE' });
  });

  it('asks for judgement when the UMK of the year is not in the rules', () => {
    const evaluation = evaluate({
      submittedAt: '2027-03-01T09:00:00+07:00',
      assessment: { employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 800_000 },
    });
    expect(evaluation.reviewReasons).toEqual([
      {
        code: 'NEEDS_JUDGEMENT',
        description: 'UMK Kota Pasuruan per bulan: angka untuk 2027 belum tercatat dalam aturan pelatihan versi 1',
      },
    ]);
  });
});
