/**
 * Thrown by a handler for an event it can never process (a decision the domain refuses for good):
 * the consumer dead-letters it at once instead of retrying.
 */
export class UnprocessableEventError extends Error {
  override readonly name = 'UnprocessableEventError';
}

/** A consumer class or transport set up wrongly; raised at start, never per message. */
export class EventConsumerDefinitionError extends Error {
  override readonly name = 'EventConsumerDefinitionError';
}
