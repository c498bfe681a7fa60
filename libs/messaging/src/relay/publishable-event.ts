/**
 * The relay's gate: what it publishes to `lastri.<context>.events` is exactly what the contracts
 * promise partners and consumers, or nothing.
 */
import type { StoredEvent } from '@lastri/event-store';
import {
  contextOf,
  isEventType,
  residentStreamName,
  validateEventData,
  validateEventMetadata,
  type EventContext,
} from '@lastri/contracts';

import { describeIssues } from '../envelope/contract-check';
import { InvalidStoredEventError } from './relay-errors';

export function assertPublishable(event: StoredEvent, context: EventContext): void {
  const problems: string[] = [];
  if (!isEventType(event.type)) {
    problems.push(`${JSON.stringify(event.type)} is not in the event catalogue`);
  } else if (contextOf(event.type) !== context) {
    problems.push(`${event.type} belongs to ${contextOf(event.type)}, not to ${context}`);
  } else {
    try {
      const data = validateEventData(event.type, event.schemaVersion, event.data);
      if (!data.ok) problems.push(...describeIssues(data.errors).map((issue) => `data ${issue}`));
    } catch (unknownVersion) {
      problems.push((unknownVersion as Error).message);
    }
  }
  const metadata = validateEventMetadata(event.metadata);
  if (!metadata.ok) problems.push(...describeIssues(metadata.errors).map((issue) => `metadata ${issue}`));
  if (event.streamName !== residentStreamName(context, event.metadata.residentId)) {
    problems.push(`stream ${event.streamName} is not the stream of resident ${event.metadata.residentId}`);
  }
  if (problems.length > 0) throw new InvalidStoredEventError(event, problems);
}
