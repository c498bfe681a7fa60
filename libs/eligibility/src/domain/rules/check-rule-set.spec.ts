import { publishedRuleSet } from '../../testing/rules.fixture';
import { checkRuleSet } from './check-rule-set';
import { RuleSetInvalidError } from './rule-set-errors';

function problemsOf(document: unknown): readonly string[] {
  try {
    checkRuleSet(document, 'test.json');
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error.problems;
    throw error;
  }
  return [];
}

/** A published rule file with the values at the given JSON pointers replaced. */
function edited(id: string, changes: Record<string, unknown>): unknown {
  const document: unknown = structuredClone(publishedRuleSet(id));
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop() as string;
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, document as Record<string, unknown>);
    parent[last] = value;
  }
  return document;
}

describe('checkRuleSet', () => {
  it('accepts every published rule file as it is', () => {
    for (const id of ['pkh', 'sembako', 'sembako-daerah', 'pbi-jk', 'pip', 'atensi', 'pelatihan', 'kerja']) {
      expect(problemsOf(publishedRuleSet(id))).toEqual([]);
    }
  });

  it('refuses a fact the rules cannot read, naming where', () => {
    expect(problemsOf(edited('pkh', { '/criteria/0/test/fact': 'desill' }))).toEqual(['/criteria/0/test/fact: "desill" is not a fact the rules can read']);
  });

  it('lists every problem at once: an undefined parameter, a field no list has, a duplicate code, a stray key', () => {
    const document = edited('pkh', {
      '/criteria/0/test/value': { param: 'maxDesill' },
      '/criteria/1/test/anyOf/1/test/where/0/field': 'umur',
      '/criteria/1/code': 'DESIL_AT_MOST',
      '/threshold': 4,
    });
    expect(problemsOf(document)).toEqual([
      '/threshold: unknown field (allowed: id, version, programme, name, effectiveFrom, source, notes, parameters, tables, criteria)',
      '/criteria/0/test/value: names parameter "maxDesill", which the rule set does not define',
      '/criteria/1/code: DESIL_AT_MOST appears twice',
      '/criteria/1/test/anyOf/1/test/where/0/field: must be one of age, enrolled, level, grade',
    ]);
  });

  it('refuses comparisons whose threshold has the wrong type, and descriptions naming unknown parameters', () => {
    const document = edited('pkh', {
      '/parameters/maxDesil/value': 'empat',
      '/criteria/1/test/anyOf/1/test/where/0/value': [6, 0],
      '/criteria/0/description': 'Desil paling tinggi {maksimum}',
    });
    expect(problemsOf(document)).toEqual([
      '/criteria/0/description: names parameter {maksimum}, which the rule set does not define',
      '/criteria/0/test/value: lte compares with a number',
      '/criteria/1/test/anyOf/1/test/where/0/value: between takes [lowest, highest], two numbers, both included',
    ]);
  });

  it('refuses a version that is not a whole number and an effective date that is not a date', () => {
    expect(problemsOf(edited('pkh', { '/version': '2025.1', '/effectiveFrom': '2025-02-30' }))).toEqual([
      '/version: must be a whole number as text, e.g. "1"',
      '/effectiveFrom: must be a date YYYY-MM-DD',
    ]);
  });

  it('refuses a table lookup on a table that does not exist', () => {
    expect(problemsOf(edited('pelatihan', { '/criteria/2/test/value/table': 'ump' }))).toEqual(['/criteria/2/test/value: names table "ump", which the rule set does not define']);
  });
});
