/**
 * Every published version of every programme's rules, and which of them is in force on a day.
 * A version is in force from its effectiveFrom until the next version of the same rule set takes
 * effect; a rule set with no version in force yet (a programme LASTRI did not decide before a
 * date) is simply not evaluated.
 */
import { sha256Digest, type Sha256Digest } from '../digest';
import { programmeOrder, type Programme } from '../programmes';
import type { RuleSet } from './rule-set';
import { RuleCatalogueError } from './rule-set-errors';

export interface PublishedRuleSet {
  readonly ruleSet: RuleSet;
  /** sha256 of the rule set's canonical JSON: what a determination pins besides id and version. */
  readonly contentHash: Sha256Digest;
}

export function contentHashOf(ruleSet: RuleSet): Sha256Digest {
  return sha256Digest(ruleSet);
}

export class RuleCatalogue {
  private readonly byId: ReadonlyMap<string, readonly PublishedRuleSet[]>;

  private constructor(byId: Map<string, PublishedRuleSet[]>) {
    this.byId = byId;
  }

  /** Throws RuleCatalogueError when the versions contradict each other. */
  static of(ruleSets: readonly RuleSet[]): RuleCatalogue {
    const byId = new Map<string, PublishedRuleSet[]>();
    const idOfProgramme = new Map<Programme, string>();
    for (const ruleSet of ruleSets) {
      const versions = byId.get(ruleSet.id) ?? [];
      if (versions.some((existing) => existing.ruleSet.version === ruleSet.version)) {
        throw new RuleCatalogueError(`Rule set ${ruleSet.id} version ${ruleSet.version} is published twice.`);
      }
      const knownId = idOfProgramme.get(ruleSet.programme);
      if (knownId !== undefined && knownId !== ruleSet.id) {
        throw new RuleCatalogueError(
          `Programme ${ruleSet.programme} has two rule sets (${knownId}, ${ruleSet.id}): a programme is decided by one rule set, in versions.`,
        );
      }
      if (versions.length > 0 && versions[0].ruleSet.programme !== ruleSet.programme) {
        throw new RuleCatalogueError(`Rule set ${ruleSet.id} is published for two programmes.`);
      }
      idOfProgramme.set(ruleSet.programme, ruleSet.id);
      byId.set(ruleSet.id, [...versions, { ruleSet, contentHash: contentHashOf(ruleSet) }]);
    }
    for (const [id, versions] of byId) {
      versions.sort((a, b) => Number(a.ruleSet.version) - Number(b.ruleSet.version));
      for (let index = 1; index < versions.length; index++) {
        const [previous, next] = [versions[index - 1].ruleSet, versions[index].ruleSet];
        if (next.effectiveFrom <= previous.effectiveFrom) {
          throw new RuleCatalogueError(
            `Rule set ${id}: version ${next.version} takes effect on ${next.effectiveFrom}, not after version ${previous.version} (${previous.effectiveFrom}).`,
          );
        }
      }
    }
    return new RuleCatalogue(byId);
  }

  /** Every version, programme by programme, oldest first. */
  all(): PublishedRuleSet[] {
    return [...this.byId.values()].flat().sort(byProgrammeThenVersion);
  }

  versions(id: string): readonly PublishedRuleSet[] {
    return this.byId.get(id) ?? [];
  }

  find(id: string, version: string): PublishedRuleSet | undefined {
    return this.byId.get(id)?.find((candidate) => candidate.ruleSet.version === version);
  }

  /** The version of each rule set in force on `asOf` (YYYY-MM-DD), in programme order. */
  inForce(asOf: string): PublishedRuleSet[] {
    const inForce: PublishedRuleSet[] = [];
    for (const versions of this.byId.values()) {
      const current = versions.filter((candidate) => candidate.ruleSet.effectiveFrom <= asOf).at(-1);
      if (current) inForce.push(current);
    }
    return inForce.sort(byProgrammeThenVersion);
  }
}

function byProgrammeThenVersion(a: PublishedRuleSet, b: PublishedRuleSet): number {
  return programmeOrder(a.ruleSet.programme, b.ruleSet.programme) || Number(a.ruleSet.version) - Number(b.ruleSet.version);
}
