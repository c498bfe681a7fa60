/**
 * The published example of EligibilityDetermined (contracts/examples) is what these rules make of
 * the published example of CaseSubmitted, for the two programmes it shows: partners read a real
 * determination, and a rule edit that would change history shows up here.
 */
import { upcast, type CaseSubmittedV2Data } from '@lastri/contracts';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { wibDateOf } from '@lastri/kernel';
import { decide } from '../domain/determination/eligibility.decider';
import { evaluateCase } from '../domain/evaluation/evaluate-case';
import { inputsFromCaseSubmitted } from '../domain/inputs/eligibility-inputs';
import { publishedCatalogue } from '../testing/rules.fixture';

const EXAMPLES = path.resolve(__dirname, '../../../../contracts/examples');
const read = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));

// v1 is read as eligibility reads a stored v1 event: through the upcaster. Both decide the same.
it.each([1, 2])('reproduces the published EligibilityDetermined example from the published CaseSubmitted v%s example', (version) => {
  const submitted = upcast('CaseSubmitted', version, read(`intake/case-submitted.v${version}.json`)) as CaseSubmittedV2Data;
  const example = read('eligibility/eligibility-determined.v1.json');
  const inputs = inputsFromCaseSubmitted(submitted);
  const asOf = wibDateOf(submitted.submittedAt);
  const shown = new Set(example.programmes.map((entry: { programme: string }) => entry.programme));
  const [event] = decide(
    {
      type: 'Determine',
      data: {
        caseId: submitted.caseId,
        causationId: example.sourceEvents[0].eventId,
        determinationId: example.determinationId,
        reviewId: '5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d',
        trigger: { kind: 'CASE_SUBMITTED' },
        evaluation: evaluateCase(inputs, publishedCatalogue.inForce(asOf).filter(({ ruleSet }) => shown.has(ruleSet.programme)), asOf),
        inputs,
        sourceEventIds: example.sourceEventIds,
        sourceEvents: example.sourceEvents,
        determinedAt: example.determinedAt,
        record: 'ALWAYS',
      },
    },
    { cases: new Map() },
  );
  expect(event.data).toEqual(example);
});
