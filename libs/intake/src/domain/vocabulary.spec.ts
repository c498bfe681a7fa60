import { eventSchema, type JsonSchema } from '@lastri/contracts';

import * as vocabulary from './vocabulary';

/** Follows local `$ref`s and JSON pointers into a schema, to the enum a field allows. */
function enumAt(type: string, pointer: string): unknown[] {
  const schema = eventSchema(type, 1) as Record<string, unknown>;
  let node: unknown = schema;
  for (const step of pointer.split('/').filter(Boolean)) {
    node = (node as Record<string, unknown>)[step];
    const ref = (node as { $ref?: string } | undefined)?.$ref;
    if (ref?.startsWith('#/')) node = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], schema);
  }
  return ((node as JsonSchema & { enum: unknown[] }).enum ?? []).filter((value) => value !== null);
}

describe('intake vocabulary', () => {
  it.each([
    ['SEXES', 'ResidentRegistered', 'properties/sex'],
    ['HOUSEHOLD_RELATIONS', 'ResidentRegistered', 'properties/householdRelation'],
    ['STAFF_ROLES', 'ResidentRegistered', 'properties/registeredBy/properties/role'],
    ['NEED_CATEGORIES', 'CaseOpened', 'properties/needCategory'],
    ['CHANNELS', 'CaseOpened', 'properties/channel'],
    ['COMPLAINT_SOURCES', 'CaseOpened', 'properties/complaint/properties/source'],
    ['VULNERABILITY_REASONS', 'CaseOpened', 'properties/vulnerabilityReasons/items'],
    ['LEGAL_BASES', 'ConsentRecorded', 'properties/legalBasis'],
    ['PROCESSING_PURPOSES', 'ConsentRecorded', 'properties/purposes/items'],
    ['CONSENT_GIVER_RELATIONS', 'ConsentRecorded', 'properties/givenBy/properties/relation'],
    ['CONSENT_METHODS', 'ConsentRecorded', 'properties/method'],
    ['DTSEN_STATUSES', 'AssessmentRecorded', 'properties/dtsenStatus'],
    ['SCHOOL_LEVELS', 'AssessmentRecorded', 'properties/children/items/properties/level'],
    ['DISABILITY_KINDS', 'AssessmentRecorded', 'properties/disabledMembers/items/properties/kind'],
    ['DISABILITY_SEVERITIES', 'AssessmentRecorded', 'properties/disabledMembers/items/properties/severity'],
    ['EMPLOYMENT_STATUSES', 'AssessmentRecorded', 'properties/employmentStatus'],
    ['HOUSING_OWNERSHIPS', 'AssessmentRecorded', 'properties/housingCondition/properties/ownership'],
    ['LEAVING_CAUSES', 'CircumstancesChanged', 'properties/changes/properties/householdMembersLeft/items/properties/cause'],
    ['HOME_VISIT_VERDICTS', 'HomeVisitRecorded', 'properties/verdict'],
  ] as const)('%s lists exactly what the %s contract allows', (name, type, pointer) => {
    expect([...vocabulary[name]].sort()).toEqual(enumAt(type, pointer).sort());
  });
});
