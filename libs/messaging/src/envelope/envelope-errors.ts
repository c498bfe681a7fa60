/**
 * Why a message never reaches a handler. Both are permanent: retrying cannot change the bytes,
 * so a consumer dead-letters the message at once, with this error as the reason.
 */

/** The record is not a LASTRI CloudEvent in Kafka binary mode (a header missing, a body not JSON…). */
export class MalformedEnvelopeError extends Error {
  override readonly name = 'MalformedEnvelopeError';
}

/** The envelope is well formed, but its data does not satisfy the contract it names. */
export class EventDataInvalidError extends Error {
  override readonly name = 'EventDataInvalidError';
  constructor(
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    /** One line per violation, e.g. `/address/rt: must match pattern "^[0-9]{3}$"`. */
    readonly problems: readonly string[],
  ) {
    super(`${type} v${schemaVersion} ${eventId} does not satisfy its contract: ${problems.join('; ')}`);
  }
}
