/**
 * Turns a parsed rule file into a RuleSet, or refuses it listing every problem. Everything a rule
 * names is checked here (facts, fields, parameters, tables, operators and the types they compare),
 * so the evaluator can trust a RuleSet and a wrong file stops the service at start.
 */
import { isCalendarDate } from '@lastri/kernel';
import { COLLECTION_FIELDS, isCollectionFact, isValueFact, type Scalar } from '../inputs/facts';
import { isProgramme } from '../programmes';
import {
  OPERATORS,
  isParameterRef,
  isTableLookup,
  type Literal,
  type Operand,
  type Operator,
  type RuleSet,
} from './rule-set';
import { RuleSetInvalidError } from './rule-set-errors';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CODE = /^[A-Z][A-Z0-9_]*$/;
const VERSION = /^[1-9][0-9]*$/;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const RULE_SET_KEYS = ['id', 'version', 'programme', 'name', 'effectiveFrom', 'source', 'notes', 'parameters', 'tables', 'criteria'];

type Json = Record<string, unknown>;

export function checkRuleSet(document: unknown, origin: string): RuleSet {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);

  if (!isObject(document)) throw new RuleSetInvalidError(origin, ['the file is not a JSON object']);
  onlyKeys(document, RULE_SET_KEYS, '', problem);

  if (typeof document.id !== 'string' || !SLUG.test(document.id) || document.id.length > 64) {
    problem('/id', 'must be kebab-case (a-z, 0-9, -), at most 64 characters');
  }
  if (typeof document.version !== 'string' || !VERSION.test(document.version)) {
    problem('/version', 'must be a whole number as text, e.g. "1"');
  }
  if (!isProgramme(document.programme)) problem('/programme', 'must be one of the programmes eligibility decides');
  nonBlank(document.name, '/name', 200, problem);
  if (!isCalendarDate(document.effectiveFrom)) problem('/effectiveFrom', 'must be a date YYYY-MM-DD');
  nonBlank(document.source, '/source', 500, problem);
  if (document.notes !== undefined) {
    if (!Array.isArray(document.notes)) problem('/notes', 'must be a list of texts');
    else document.notes.forEach((note, index) => nonBlank(note, `/notes/${index}`, 2000, problem));
  }

  const parameters = isObject(document.parameters) ? document.parameters : {};
  if (document.parameters !== undefined && !isObject(document.parameters)) problem('/parameters', 'must be an object');
  for (const [name, parameter] of Object.entries(parameters)) {
    const path = `/parameters/${name}`;
    if (!NAME.test(name)) problem(path, 'a parameter name is letters and digits, starting with a letter');
    if (!isObject(parameter)) {
      problem(path, 'must be an object with value and source');
      continue;
    }
    onlyKeys(parameter, ['value', 'source', 'uncertain'], path, problem);
    if (!isLiteral(parameter.value)) problem(`${path}/value`, 'must be a number, text, true/false, null or a list of those');
    nonBlank(parameter.source, `${path}/source`, 500, problem);
    if (parameter.uncertain !== undefined) nonBlank(parameter.uncertain, `${path}/uncertain`, 1000, problem);
  }

  const tables = isObject(document.tables) ? document.tables : {};
  if (document.tables !== undefined && !isObject(document.tables)) problem('/tables', 'must be an object');
  for (const [name, table] of Object.entries(tables)) {
    const path = `/tables/${name}`;
    if (!NAME.test(name)) problem(path, 'a table name is letters and digits, starting with a letter');
    if (!isObject(table)) {
      problem(path, 'must be an object with description, source and entries');
      continue;
    }
    onlyKeys(table, ['description', 'source', 'uncertain', 'entries'], path, problem);
    nonBlank(table.description, `${path}/description`, 500, problem);
    nonBlank(table.source, `${path}/source`, 500, problem);
    if (table.uncertain !== undefined) nonBlank(table.uncertain, `${path}/uncertain`, 1000, problem);
    if (!isObject(table.entries) || Object.keys(table.entries).length === 0) {
      problem(`${path}/entries`, 'must map at least one key to a number');
    } else {
      for (const [key, value] of Object.entries(table.entries)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) problem(`${path}/entries/${key}`, 'must be a number');
      }
    }
  }

  const context: CheckContext = { parameters, tables, problem };
  if (!Array.isArray(document.criteria) || document.criteria.length === 0) {
    problem('/criteria', 'must list at least one criterion');
  } else {
    const codes = new Set<string>();
    document.criteria.forEach((criterion, index) => {
      const path = `/criteria/${index}`;
      if (!isObject(criterion)) return problem(path, 'must be an object with code, description and test');
      onlyKeys(criterion, ['code', 'description', 'test'], path, problem);
      if (typeof criterion.code !== 'string' || !CODE.test(criterion.code) || criterion.code.length > 64) {
        problem(`${path}/code`, 'must be UPPER_SNAKE_CASE, at most 64 characters');
      } else if (codes.has(criterion.code)) {
        problem(`${path}/code`, `${criterion.code} appears twice`);
      } else {
        codes.add(criterion.code);
      }
      checkDescription(criterion.description, `${path}/description`, context);
      checkTest(criterion.test, `${path}/test`, context, true);
    });
  }

  if (problems.length > 0) throw new RuleSetInvalidError(origin, problems);
  return document as unknown as RuleSet;
}

interface CheckContext {
  parameters: Json;
  tables: Json;
  problem(path: string, message: string): void;
}

function checkDescription(description: unknown, path: string, context: CheckContext): void {
  if (!nonBlank(description, path, 500, context.problem)) return;
  for (const [, name] of (description as string).matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
    if (!Object.hasOwn(context.parameters, name)) context.problem(path, `names parameter {${name}}, which the rule set does not define`);
  }
}

function checkTest(test: unknown, path: string, context: CheckContext, allowAnyOf: boolean): void {
  const { problem } = context;
  if (!isObject(test)) return problem(path, 'must be an object');

  if ('anyOf' in test) {
    if (!allowAnyOf) return problem(path, 'a component cannot hold another anyOf');
    onlyKeys(test, ['anyOf'], path, problem);
    if (!Array.isArray(test.anyOf) || test.anyOf.length === 0) return problem(`${path}/anyOf`, 'must list at least one component');
    const codes = new Set<string>();
    test.anyOf.forEach((component, index) => {
      const componentPath = `${path}/anyOf/${index}`;
      if (!isObject(component)) return problem(componentPath, 'must be an object with component, description and test');
      onlyKeys(component, ['component', 'description', 'test'], componentPath, problem);
      if (typeof component.component !== 'string' || !CODE.test(component.component)) {
        problem(`${componentPath}/component`, 'must be UPPER_SNAKE_CASE');
      } else if (codes.has(component.component)) {
        problem(`${componentPath}/component`, `${component.component} appears twice`);
      } else {
        codes.add(component.component);
      }
      checkDescription(component.description, `${componentPath}/description`, context);
      checkTest(component.test, `${componentPath}/test`, context, false);
    });
    return;
  }

  if ('some' in test) {
    onlyKeys(test, ['some', 'where', 'observe'], path, problem);
    if (!isCollectionFact(test.some)) {
      return problem(`${path}/some`, `must name a list: ${Object.keys(COLLECTION_FIELDS).join(', ')}`);
    }
    const fields = COLLECTION_FIELDS[test.some] as readonly string[];
    if (!Array.isArray(test.where)) return problem(`${path}/where`, 'must be a list of conditions (empty: any member)');
    test.where.forEach((condition, index) => {
      const conditionPath = `${path}/where/${index}`;
      if (!isObject(condition)) return problem(conditionPath, 'must be an object with field, op and value');
      onlyKeys(condition, ['field', 'op', 'value'], conditionPath, problem);
      if (typeof condition.field !== 'string' || !fields.includes(condition.field)) {
        problem(`${conditionPath}/field`, `must be one of ${fields.join(', ')}`);
      }
      checkComparison(condition.op, condition.value, conditionPath, context);
    });
    if (test.observe !== undefined && (typeof test.observe !== 'string' || !fields.includes(test.observe))) {
      problem(`${path}/observe`, `must be one of ${fields.join(', ')}`);
    }
    return;
  }

  if ('fact' in test) {
    onlyKeys(test, ['fact', 'op', 'value'], path, problem);
    if (!isValueFact(test.fact)) problem(`${path}/fact`, `${JSON.stringify(test.fact)} is not a fact the rules can read`);
    checkComparison(test.op, test.value, path, context);
    return;
  }
  problem(path, 'must be a fact comparison, a "some" test or an "anyOf" of components');
}

function checkComparison(op: unknown, value: unknown, path: string, context: CheckContext): void {
  const { problem } = context;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    return problem(`${path}/op`, `must be one of ${OPERATORS.join(', ')}`);
  }
  const resolved = resolveForCheck(value, `${path}/value`, context);
  if (resolved === undefined) return;
  const fits = operandFits(op as Operator, resolved);
  if (fits !== true) problem(`${path}/value`, fits);
}

/** The operand's value for type checking; a table stands for one of its (numeric) entries. */
function resolveForCheck(value: unknown, path: string, context: CheckContext): Literal | undefined {
  if (isLiteral(value)) return value;
  if (!isObject(value)) {
    context.problem(path, 'must be a literal, {"param": …} or {"table": …, "key": …}');
    return undefined;
  }
  const operand = value as unknown as Operand;
  if (isParameterRef(operand)) {
    onlyKeys(value, ['param'], path, context.problem);
    const parameter = context.parameters[operand.param];
    if (!isObject(parameter)) {
      context.problem(path, `names parameter ${JSON.stringify(operand.param)}, which the rule set does not define`);
      return undefined;
    }
    return isLiteral(parameter.value) ? parameter.value : undefined;
  }
  if (isTableLookup(operand)) {
    onlyKeys(value, ['table', 'key'], path, context.problem);
    const table = context.tables[operand.table];
    if (!isObject(table)) {
      context.problem(path, `names table ${JSON.stringify(operand.table)}, which the rule set does not define`);
      return undefined;
    }
    if (!isValueFact(operand.key)) {
      context.problem(path, `key ${JSON.stringify(operand.key)} is not a fact the rules can read`);
      return undefined;
    }
    return 0;
  }
  context.problem(path, 'must be a literal, {"param": …} or {"table": …, "key": …}');
  return undefined;
}

function operandFits(op: Operator, value: Literal): true | string {
  switch (op) {
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return typeof value === 'number' ? true : `${op} compares with a number`;
    case 'between':
      return Array.isArray(value) && value.length === 2 && value.every((bound) => typeof bound === 'number') && value[0] <= value[1]
        ? true
        : 'between takes [lowest, highest], two numbers, both included';
    case 'in':
      return Array.isArray(value) && value.length > 0 ? true : 'in takes a non-empty list';
    case 'startsWith':
      return typeof value === 'string' && value.length > 0 ? true : 'startsWith takes a non-empty text';
    case 'eq':
    case 'ne':
    case 'contains':
      return Array.isArray(value) ? `${op} takes a single value, not a list` : true;
  }
}

function isLiteral(value: unknown): value is Literal {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(object: Json, allowed: readonly string[], path: string, problem: CheckContext['problem']): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) problem(`${path}/${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
  }
}

function nonBlank(value: unknown, path: string, maxLength: number, problem: CheckContext['problem']): boolean {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    problem(path, `must be a non-blank text of at most ${maxLength} characters`);
    return false;
  }
  return true;
}
