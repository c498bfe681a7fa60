/**
 * The last check before an append: every event against its published JSON Schema and the
 * metadata against the envelope schema. The decider and the request validation should already
 * have caught everything; what gets through to here is refused rather than stored, because a
 * stored event is forever and consumers trust the contract.
 */
import { validateEventData, validateEventMetadata, type ValidationIssue } from '@lastri/contracts';
import type { NewEvent } from '@lastri/event-store';

import { refuseApplication, type EventContractViolation, type Problem } from './refusals';

export function contractViolation(events: readonly NewEvent[]): EventContractViolation | undefined {
  for (const event of events) {
    const data = validateEventData(event.type, event.schemaVersion, event.data);
    if (!data.ok) return refuseApplication.eventContract(event.type, data.errors.map((issue) => toProblem(issue)));
    const metadata = validateEventMetadata(event.metadata);
    if (!metadata.ok) return refuseApplication.eventContract(event.type, metadata.errors.map((issue) => toProblem(issue, 'metadata')));
  }
  return undefined;
}

/** `/householdMembers/1/nik` → `householdMembers[1].nik`: the way request fields are named. */
export function fieldOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : path ? `${path}.${step}` : step), '');
}

function toProblem(issue: ValidationIssue, prefix = ''): Problem {
  const field = fieldOfPointer(issue.path);
  return {
    field: prefix ? (field ? `${prefix}.${field}` : prefix) : field || '(body)',
    rule: `contract:${issue.keyword}`,
    message: issue.message,
  };
}
