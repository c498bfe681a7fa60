import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PROGRAMMES } from '../domain/programmes';
import { RuleSetInvalidError } from '../domain/rules/rule-set-errors';
import { RULES_DIRECTORY, loadRuleCatalogue, loadRuleSets } from './rule-files';

describe('rule files', () => {
  it('publish one rule set per programme, each with its source and effective date', () => {
    const ruleSets = loadRuleSets();
    expect(new Set(ruleSets.map((ruleSet) => ruleSet.programme))).toEqual(new Set(PROGRAMMES));
    for (const ruleSet of ruleSets) {
      expect(ruleSet.source.length).toBeGreaterThan(10);
      expect(ruleSet.effectiveFrom).toMatch(/^20\d\d-\d\d-\d\d$/);
    }
  });

  describe('refuse at load', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'lastri-rules-'));
      cpSync(RULES_DIRECTORY, directory, { recursive: true });
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('a file whose name does not say its rule set and version', () => {
      writeFileSync(path.join(directory, 'pkh', 'pkh-baru.json'), '{}');
      expect(() => loadRuleSets(directory)).toThrow(/a rule file is named pkh\/pkh\.v<n>\.json/);
    });

    it('a file whose content is another version than its name', () => {
      const pkh = JSON.parse(JSON.stringify(loadRuleSets(directory).find((ruleSet) => ruleSet.id === 'pkh')));
      writeFileSync(path.join(directory, 'pkh', 'pkh.v2.json'), JSON.stringify({ ...pkh, effectiveFrom: '2026-01-01' }));
      expect(() => loadRuleSets(directory)).toThrow(/the file name says pkh v2, the content pkh v1/);
    });

    it('a file that is not JSON, naming the file', () => {
      writeFileSync(path.join(directory, 'kerja', 'kerja.v2.json'), '{ "id": ');
      expect(() => loadRuleSets(directory)).toThrow(RuleSetInvalidError);
      expect(() => loadRuleSets(directory)).toThrow(/kerja\.v2\.json/);
    });

    it('a later version that takes effect before the earlier one', () => {
      const pkh = loadRuleSets(directory).find((ruleSet) => ruleSet.id === 'pkh');
      writeFileSync(path.join(directory, 'pkh', 'pkh.v2.json'), JSON.stringify({ ...pkh, version: '2', effectiveFrom: '2024-06-01' }));
      expect(() => loadRuleCatalogue(directory)).toThrow(/version 2 takes effect on 2024-06-01, not after version 1/);
    });
  });
});
