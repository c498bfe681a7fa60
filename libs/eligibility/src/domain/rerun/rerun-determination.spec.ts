import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import { CASE_ID, inputsOf, type CaseOptions } from '../../testing/case-submitted.fixture';
import { evaluate, publishedCatalogue, publishedRuleSet, revised } from '../../testing/rules.fixture';
import { decide } from '../determination/eligibility.decider';
import { contentHashOf } from '../rules/rule-catalogue';
import { rerunDetermination } from './rerun-determination';

const JOBLESS: CaseOptions = { assessment: { employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 3_000_000 } };

function recorded(options: CaseOptions): EligibilityDeterminedV1Data {
  const [event] = decide(
    {
      type: 'Determine',
      data: {
        caseId: CASE_ID,
        causationId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b',
        determinationId: '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c',
        reviewId: '5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d',
        trigger: { kind: 'CASE_SUBMITTED' },
        evaluation: evaluate(options),
        inputs: inputsOf(options),
        sourceEventIds: ['e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b'],
        sourceEvents: [{ eventId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b', type: 'CaseSubmitted', streamName: 'intake-x', streamVersion: 0, globalPosition: '1' }],
        determinedAt: '2025-11-12T07:00:03.000Z',
        record: 'ALWAYS',
      },
    },
    { cases: new Map() },
  );
  return event.data as EligibilityDeterminedV1Data;
}

const published = (id: string, version: string) => publishedCatalogue.find(id, version);

describe('rerunDetermination', () => {
  it('reproduces a determination from its recorded inputs and pinned versions', () => {
    const report = rerunDetermination(recorded(JOBLESS), published);
    expect(report).toMatchObject({ identical: true, differences: [], inputsDigest: { matches: true } });
    expect(report.ruleSets.every((check) => check.matches)).toBe(true);
  });

  it('shows what differs when the recorded inputs were altered after the fact', () => {
    const determination = recorded(JOBLESS);
    const tampered = { ...determination, inputs: { ...determination.inputs, assessment: { ...determination.inputs.assessment, householdIncomePerMonth: 4_000_000 } } };
    const report = rerunDetermination(tampered, published);
    expect(report.identical).toBe(false);
    expect(report.inputsDigest.matches).toBe(false);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        { path: '/programmes/PELATIHAN/outcome', recorded: 'ELIGIBLE', rerun: 'NOT_ELIGIBLE' },
        { path: '/programmes/PELATIHAN/criteria/INCOME_BELOW_UMK/observed', recorded: 3_000_000, rerun: 4_000_000 },
        { path: '/programmes/PELATIHAN/criteria/INCOME_BELOW_UMK/passed', recorded: true, rerun: false },
      ]),
    );
  });

  it('refuses to call it identical when a pinned version now has other content, or is gone', () => {
    const edited = revised(publishedRuleSet('pelatihan'), { version: '1', effectiveFrom: '2024-01-01', parameters: { workingAge: [18, 60] } });
    const report = rerunDetermination(recorded(JOBLESS), (id, version) =>
      id === 'pelatihan' ? { ruleSet: edited, contentHash: contentHashOf(edited) } : id === 'kerja' ? undefined : published(id, version),
    );
    expect(report.identical).toBe(false);
    expect(report.ruleSets.find((check) => check.id === 'pelatihan')).toMatchObject({ matches: false, publishedContentHash: contentHashOf(edited) });
    expect(report.ruleSets.find((check) => check.id === 'kerja')).toMatchObject({ matches: false, publishedContentHash: null });
    expect(report.differences).toContainEqual(expect.objectContaining({ path: '/programmes/KERJA', rerun: undefined }));
  });
});
