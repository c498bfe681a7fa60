/**
 * The application answers with NotificationError values; a controller turns one into this
 * exception (orThrow), and the context's filter into the answer (404 or 409 by its kind).
 */
import { isNotificationError, type NotificationError, type NotificationErrorKind } from '../../domain/notification.errors';

export class NotificationErrorException extends Error {
  override readonly name: string;
  readonly kind: NotificationErrorKind;
  readonly code: string;

  constructor(readonly error: NotificationError) {
    super(error.message);
    this.name = error.type;
    this.kind = error.kind;
    this.code = error.type;
  }
}

export function orThrow<T>(answer: T | NotificationError): Exclude<T, NotificationError> {
  if (isNotificationError(answer)) throw new NotificationErrorException(answer);
  return answer as Exclude<T, NotificationError>;
}
