/**
 * The whole eligibility flow on the event stores that run here: SQLite in a file (the embedded
 * default) and PostgreSQL on the test server. Determination, duplicate and concurrent delivery,
 * a change of circumstances, a manual review, an override, a republication and an auditor's
 * re-run, each read back from the store.
 */
import type { EligibilityDeterminedV1Data, ManualReviewRequiredV1Data } from '@lastri/contracts';
import { createEventStore, type EventStore } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { scratchPostgresDatabase } from '@lastri/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { answered } from '../testing/answered';
import { EligibilityWorld, SUPERVISOR } from '../testing/eligibility-world';
import { catalogueWith, publishedRuleSet, revised } from '../testing/rules.fixture';

interface OpenStore {
  store: EventStore;
  dispose(): Promise<void>;
}

const STORES: [string, () => Promise<OpenStore>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lastri-eligibility-'));
      const store = await createEventStore(`sqlite:${path.join(dir, 'eligibility.sqlite')}`);
      return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await scratchPostgresDatabase('eligibility');
      const store = await createEventStore(database.url);
      return { store, dispose: async () => (await store.close(), await database.drop()) };
    },
  ],
];

const catalogue = catalogueWith(revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } }));

describe.each(STORES)('eligibility on the %s event store', (_name, openStore) => {
  jest.setTimeout(120_000);
  let opened: OpenStore;
  let world: EligibilityWorld;

  beforeAll(async () => {
    opened = await openStore();
    world = new EligibilityWorld(opened.store, catalogue);
  });
  afterAll(() => opened?.dispose());

  it('determines once under concurrent duplicate delivery, then follows the case to an auditor’s identical re-run', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId, { assessment: { desil: null, elderlyMembers: [{ name: 'Mbah', age: 64 }] } });
    await Promise.all(Array.from({ length: 4 }, () => world.determine.handle(submitted)));
    const [determined, raised] = await world.eligibilityEvents(residentId);
    expect([determined.type, raised.type]).toEqual(['EligibilityDetermined', 'ManualReviewRequired']);
    expect(await world.eligibilityEvents(residentId)).toHaveLength(2);

    // The resident loses work: KERJA opens, the open review still stands for the desil programmes.
    const change = await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' });
    await Promise.all([world.reevaluate.handle(change), world.reevaluate.handle(change)]);
    const afterChange = await world.eligibilityEvents(residentId);
    expect(afterChange.map((event) => event.type)).toEqual(['EligibilityDetermined', 'ManualReviewRequired', 'EligibilityDetermined']);

    const { reviewId } = raised.data as ManualReviewRequiredV1Data;
    await answered(world.decideReview.handle(
      {
        reviewId,
        decision: 'APPROVED',
        programmes: [
          { programme: 'SEMBAKO', eligible: true },
          { programme: 'SEMBAKO_DAERAH', eligible: true },
          { programme: 'PBI_JK', eligible: true },
        ],
        reason: 'Desil 3 menurut pengecekan DTSEN terbaru.',
      },
      SUPERVISOR,
    ));
    const current = afterChange[2].id;
    await answered(world.override.handle({ determinationId: current, programme: 'PKH', eligible: true, reason: 'Lansia 64 tahun dengan sakit menahun.' }, SUPERVISOR));

    const view = await answered(world.queries.ofCase(submitted.data.caseId));
    expect(Object.fromEntries(view.programmes.map(({ programme, status, decidedBy }) => [programme, `${status} by ${decidedBy}`]))).toMatchObject({
      PKH: 'ELIGIBLE by OVERRIDE',
      SEMBAKO: 'ELIGIBLE by MANUAL_REVIEW',
      KERJA: 'ELIGIBLE by RULES',
      PELATIHAN: 'ELIGIBLE by RULES',
    });

    // PKH v2 counts the elderly from 60: the component is now there, but without a desil the
    // rules cannot settle PKH, so the override falls and PKH goes to a new review. The approval
    // of the desil programmes, whose outcome did not move, stands.
    world.clock.set('2026-01-05T03:00:00Z');
    const report = await answered(world.republish.run({ actor: 'admin:kepala-dinas' }));
    expect(report.changed.filter((entry) => entry.residentId === residentId).map((entry) => entry.programmes.map((change) => change.programme))).toEqual([['PKH']]);
    const [republished, newReview] = (await world.eligibilityEvents(residentId)).slice(-2);
    expect((republished.data as EligibilityDeterminedV1Data).trigger.kind).toBe('RULES_REPUBLISHED');
    expect(newReview.data as ManualReviewRequiredV1Data).toMatchObject({ programmes: ['PKH'], reasons: [{ code: 'DESIL_UNKNOWN' }] });
    const republishedView = await answered(world.queries.ofCase(submitted.data.caseId));
    expect(republishedView.programmes.find((entry) => entry.programme === 'PKH')).toMatchObject({ status: 'PENDING_REVIEW', ruleSet: { version: '2' } });
    expect(republishedView.programmes.find((entry) => entry.programme === 'SEMBAKO')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'MANUAL_REVIEW' });

    for (const event of await world.eligibilityEvents(residentId)) {
      if (event.type !== 'EligibilityDetermined') continue;
      const rerun = await answered(world.rerun.run(residentId, submitted.data.caseId, event.id));
      expect({ identical: rerun.identical, sources: rerun.sources.matches }).toEqual({ identical: true, sources: true });
    }
    expect((await opened.store.verifyStream(`eligibility-${residentId}`)).ok).toBe(true);
  });
});
