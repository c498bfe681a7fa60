import type { Clock } from '@lastri/kernel';

/** What a host tells the intake module; everything else it finds through the event store and auth. */
export interface IntakeOptions {
  /**
   * Secret mixed into the hash that names a NIK's reservation stream, so the stream names in the
   * store cannot be reversed into NIKs by trying all plausible numbers. It must never change once
   * residents are registered: a new pepper names new streams and forgets every reservation.
   */
  nikPepper: string;
  /** Defaults to the system clock; tests pass a fixed one. */
  clock?: Clock;
}

export const INTAKE_OPTIONS = Symbol('lastri.intake.options');
export const INTAKE_CLOCK = Symbol('lastri.intake.clock');

/** Short enough to guess, so it is refused: a pepper is a secret, not a label. */
export const MIN_NIK_PEPPER_LENGTH = 16;
