import type { Outcome } from '../application/support/refusals';
import { IntakeRefusalException } from './http/intake-refusal.filter';

/** The value of a successful outcome; a refusal goes to IntakeRefusalFilter. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new IntakeRefusalException(outcome.refusal);
  return outcome.value;
}
