/**
 * Property: the same inputs and rule-set versions always give the same determination, byte for
 * byte, and the same content hashes, whatever order the JSON keys arrive in. A re-run by an
 * auditor on another machine relies on nothing less.
 */
import { validateEventData } from '@lastri/contracts';
import { seededRandom, wibDateOf } from '@lastri/kernel';

import { caseSubmitted, inputsOf } from '../testing/case-submitted.fixture';
import { randomCase, shuffledKeys } from '../testing/random-cases';
import { publishedCatalogue } from '../testing/rules.fixture';
import { canonicalJson } from './digest';
import { decide } from './determination/eligibility.decider';
import { evaluateCase } from './evaluation/evaluate-case';
import { inputsDigest } from './inputs/eligibility-inputs';
import { contentHashOf, type PublishedRuleSet } from './rules/rule-catalogue';
import { rerunDetermination } from './rerun/rerun-determination';

const SEED = 20251112;
const CASES = 300;
const random = seededRandom(SEED);
const samples = Array.from({ length: CASES }, () => randomCase(random));

function determination(options: (typeof samples)[number], ruleSets: readonly PublishedRuleSet[], inputs = inputsOf(options)) {
  const asOf = wibDateOf(inputs.submittedAt);
  const [event] = decide(
    {
      type: 'Determine',
      data: {
        caseId: '7e4d2c1b-3a5f-4e8d-b6c9-0f1e2d3c4b5a',
        causationId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b',
        determinationId: '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c',
        reviewId: '5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d',
        trigger: { kind: 'CASE_SUBMITTED' },
        evaluation: evaluateCase(inputs, ruleSets, asOf),
        inputs,
        sourceEventIds: ['e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b'],
        sourceEvents: [{ eventId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b', type: 'CaseSubmitted', streamName: 'intake-x', streamVersion: 3, globalPosition: '9' }],
        determinedAt: '2025-11-12T07:00:03.000Z',
        record: 'ALWAYS',
      },
    },
    { cases: new Map() },
  );
  return event.data as Extract<typeof event, { type: 'EligibilityDetermined' }>['data'];
}

describe(`determinism (seed ${SEED}, ${CASES} generated cases)`, () => {
  it('generates contract-valid cases spread over the outcomes', () => {
    const outcomes = new Set<string>();
    for (const options of samples) {
      expect(validateEventData('CaseSubmitted', 2, caseSubmitted(options))).toEqual({ ok: true });
      const inputs = inputsOf(options);
      const asOf = wibDateOf(inputs.submittedAt);
      for (const { programme, outcome } of evaluateCase(inputs, publishedCatalogue.inForce(asOf), asOf).programmes) outcomes.add(`${programme}:${outcome}`);
    }
    // Every programme is seen eligible and not eligible, and the desil programmes in review too.
    for (const programme of ['PKH', 'SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK', 'PIP', 'ATENSI', 'PELATIHAN', 'KERJA']) {
      expect(outcomes).toContain(`${programme}:ELIGIBLE`);
      expect(outcomes).toContain(`${programme}:NOT_ELIGIBLE`);
    }
    expect(outcomes).toContain('SEMBAKO:NEEDS_REVIEW');
  });

  it('gives the same determination for the same inputs and versions, whatever the key order, valid against its contract', () => {
    const shuffle = seededRandom(SEED + 1);
    for (const options of samples) {
      const inputs = inputsOf(options);
      const ruleSets = publishedCatalogue.inForce(wibDateOf(inputs.submittedAt));
      const first = determination(options, ruleSets);
      const again = determination(options, ruleSets.map((published) => ({ ruleSet: shuffledKeys(published.ruleSet, shuffle), contentHash: published.contentHash })), shuffledKeys(inputs, shuffle));
      expect(canonicalJson(again)).toBe(canonicalJson(first));
      expect(inputsDigest(shuffledKeys(inputs, shuffle))).toBe(first.inputsDigest);
      expect(validateEventData('EligibilityDetermined', 1, first)).toEqual({ ok: true });
    }
  });

  it('hashes each rule-set version the same whatever the key order', () => {
    const shuffle = seededRandom(SEED + 2);
    for (const { ruleSet, contentHash } of publishedCatalogue.all()) {
      for (let round = 0; round < 20; round++) expect(contentHashOf(shuffledKeys(ruleSet, shuffle))).toBe(contentHash);
    }
  });

  it('re-runs every generated determination to an identical result', () => {
    for (const options of samples) {
      const recorded = determination(options, publishedCatalogue.inForce(wibDateOf(inputsOf(options).submittedAt)));
      const report = rerunDetermination(recorded, (id, version) => publishedCatalogue.find(id, version));
      expect({ identical: report.identical, differences: report.differences }).toEqual({ identical: true, differences: [] });
    }
  });
});
