import { publishedCatalogue, publishedRuleSet, revised } from '../../testing/rules.fixture';
import { contentHashOf, RuleCatalogue } from './rule-catalogue';
import { RuleCatalogueError } from './rule-set-errors';

describe('RuleCatalogue', () => {
  const pkh1 = publishedRuleSet('pkh');
  const pkh2 = revised(pkh1, { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } });

  it('picks, for each rule set, the latest version in force on the day', () => {
    const catalogue = RuleCatalogue.of([pkh2, pkh1]);
    expect(catalogue.inForce('2024-12-31')).toEqual([]);
    expect(catalogue.inForce('2025-01-01').map(({ ruleSet }) => ruleSet.version)).toEqual(['1']);
    expect(catalogue.inForce('2025-12-31').map(({ ruleSet }) => ruleSet.version)).toEqual(['1']);
    expect(catalogue.inForce('2026-01-01').map(({ ruleSet }) => ruleSet.version)).toEqual(['2']);
  });

  it('has every programme in force on a 2025 day, in programme order', () => {
    expect(publishedCatalogue.inForce('2025-11-12').map(({ ruleSet }) => ruleSet.programme)).toEqual([
      'PKH',
      'SEMBAKO',
      'SEMBAKO_DAERAH',
      'PBI_JK',
      'PIP',
      'ATENSI',
      'PELATIHAN',
      'KERJA',
    ]);
    // Before DTSEN's desil was the basis, only the programmes that do not read it were encoded.
    expect(publishedCatalogue.inForce('2024-06-01').map(({ ruleSet }) => ruleSet.programme)).toEqual(['ATENSI', 'PELATIHAN', 'KERJA']);
  });

  it('pins content: the hash is sha256 of the canonical JSON, changes with any value, not with key order', () => {
    const reordered = Object.fromEntries(Object.entries(pkh1).reverse()) as typeof pkh1;
    expect(contentHashOf(reordered)).toBe(contentHashOf(pkh1));
    expect(contentHashOf(pkh1)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentHashOf(revised(pkh1, { version: '1', effectiveFrom: pkh1.effectiveFrom, parameters: { maxDesil: 5 } }))).not.toBe(
      contentHashOf(pkh1),
    );
  });

  it('refuses two files for one version, versions out of date order, and two rule sets for one programme', () => {
    expect(() => RuleCatalogue.of([pkh1, pkh1])).toThrow(RuleCatalogueError);
    expect(() => RuleCatalogue.of([pkh1, { ...pkh2, effectiveFrom: '2025-01-01' }])).toThrow(/version 2 takes effect on 2025-01-01/);
    expect(() => RuleCatalogue.of([pkh1, { ...pkh1, id: 'pkh-baru' }])).toThrow(/Programme PKH has two rule sets/);
  });
});
