import { validateEventData, type ValidationIssue } from '@lastri/contracts';

import { EventDataInvalidError } from './envelope-errors';
import type { EventEnvelope } from './event-envelope';

/** Throws EventDataInvalidError unless the data satisfies the schema the envelope names. */
export function assertSatisfiesContract(envelope: EventEnvelope): void {
  const result = validateEventData(envelope.type, envelope.schemaVersion, envelope.data);
  if (!result.ok) {
    throw new EventDataInvalidError(envelope.id, envelope.type, envelope.schemaVersion, describeIssues(result.errors));
  }
}

export function describeIssues(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`);
}
