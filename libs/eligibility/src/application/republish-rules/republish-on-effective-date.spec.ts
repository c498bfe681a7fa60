import { newId } from '@lastri/kernel';

import { EligibilityWorld } from '../../testing/eligibility-world';
import { catalogueWith, publishedRuleSet, revised } from '../../testing/rules.fixture';
import { RepublishOnEffectiveDate } from './republish-on-effective-date';

const catalogue = catalogueWith(revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } }));

describe('RepublishOnEffectiveDate', () => {
  it('republishes once when a version takes effect, and not again until another does', async () => {
    const world = await EligibilityWorld.inMemory(catalogue);
    try {
      const residentId = newId();
      await world.determine.handle(await world.submitCase(residentId, { assessment: { elderlyMembers: [{ name: 'Mbah', age: 66 }] } }));
      const schedule = new RepublishOnEffectiveDate(world.deps, world.republish);

      world.clock.set('2025-12-31T12:00:00Z');
      expect((await schedule.check())?.changed).toEqual([]); // the first check after a start always looks
      expect(await schedule.check()).toBeUndefined();

      world.clock.set('2026-01-01T01:00:00+07:00');
      const report = await schedule.check();
      expect(report?.changed.map((entry) => entry.residentId)).toEqual([residentId]);
      expect((await world.eligibilityEvents(residentId)).at(-1)?.metadata.actor).toBe('service:eligibility');

      world.clock.set('2026-03-01T01:00:00+07:00');
      expect(await schedule.check()).toBeUndefined();
    } finally {
      await world.close();
    }
  });
});
