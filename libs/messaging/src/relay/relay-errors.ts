import type { StoredEvent } from '@lastri/event-store';

/**
 * A stored event that breaks its contract. The store accepted it, so this is a bug in the
 * context that wrote it: the relay stops here instead of skipping it, and the checkpoint stays
 * before it, so nothing after it goes out of order and nothing is lost once the bug is fixed.
 */
export class InvalidStoredEventError extends Error {
  override readonly name = 'InvalidStoredEventError';
  readonly eventId: string;
  readonly type: string;
  readonly streamName: string;
  readonly globalPosition: string;

  constructor(
    event: StoredEvent,
    readonly problems: readonly string[],
  ) {
    super(
      `Relay stopped at ${event.type} ${event.id} (stream ${event.streamName}, position ${event.globalPosition}): ` +
        problems.join('; '),
    );
    this.eventId = event.id;
    this.type = event.type;
    this.streamName = event.streamName;
    this.globalPosition = event.globalPosition;
  }
}
