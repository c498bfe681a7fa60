import type { Decider } from '../domain/determination/eligibility-events';

/** Who issues a supervisor's command: as the events record them, and as event metadata names them. */
export interface CommandIssuer {
  readonly decidedBy: Decider;
  /** `<role>:<userId>`, the event metadata's actor. */
  readonly actor: string;
  /** The request's correlation id, if the caller sent one. */
  readonly correlationId?: string;
}
