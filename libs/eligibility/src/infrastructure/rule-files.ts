/**
 * The published rule files: `rules/<id>/<id>.v<n>.json` next to this library's source. Loading
 * checks every file and the catalogue as a whole, so a malformed or contradictory rule set stops
 * the service at start with the file and the problem named.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { checkRuleSet } from '../domain/rules/check-rule-set';
import { RuleCatalogue } from '../domain/rules/rule-catalogue';
import type { RuleSet } from '../domain/rules/rule-set';
import { RuleSetInvalidError } from '../domain/rules/rule-set-errors';

export const RULES_DIRECTORY = path.resolve(__dirname, '..', 'rules');

const RULE_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.json$/;

export function loadRuleSets(directory: string = RULES_DIRECTORY): RuleSet[] {
  const ruleSets: RuleSet[] = [];
  for (const folder of readdirSync(directory).sort()) {
    const folderPath = path.join(directory, folder);
    if (!statSync(folderPath).isDirectory()) continue;
    for (const file of readdirSync(folderPath).sort()) {
      const origin = path.relative(process.cwd(), path.join(folderPath, file));
      const name = RULE_FILE.exec(file);
      if (!name || name[1] !== folder) {
        throw new RuleSetInvalidError(origin, [`a rule file is named ${folder}/${folder}.v<n>.json`]);
      }
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(path.join(folderPath, file), 'utf8'));
      } catch (error) {
        throw new RuleSetInvalidError(origin, [`not valid JSON: ${(error as Error).message}`]);
      }
      const ruleSet = checkRuleSet(document, origin);
      if (ruleSet.id !== folder || ruleSet.version !== name[2]) {
        throw new RuleSetInvalidError(origin, [`the file name says ${folder} v${name[2]}, the content ${ruleSet.id} v${ruleSet.version}`]);
      }
      ruleSets.push(ruleSet);
    }
  }
  return ruleSets;
}

export function loadRuleCatalogue(directory: string = RULES_DIRECTORY): RuleCatalogue {
  return RuleCatalogue.of(loadRuleSets(directory));
}
