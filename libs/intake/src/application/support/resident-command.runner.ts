/**
 * How every command on a registered resident runs: the shared command handler (read, fold, decide,
 * contract gate, append, bounded retry; If-Match means no retry) with intake's guards — the
 * resident is registered and in the caller's kelurahan — checked before the version and the decision.
 */
import { handleCommand } from '@lastri/decider';
import { EVENT_STORE, type EventStore, type NewEvent } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/intake.decider';
import type { IntakeCommand } from '../../domain/intake.commands';
import { isIntakeError, refuse } from '../../domain/intake.errors';
import { evolve } from '../../domain/intake.evolve';
import type { RecordedIntakeEvent } from '../../domain/intake.events';
import { initialState, type IntakeState, type RegisteredResident } from '../../domain/intake.state';
import { writeAccess } from './access';
import { provenanceOf, type CommandContext } from './command-context';
import { intakeRefusalOf } from './contract-gate';
import { INTAKE_CLOCK } from './intake-options';
import { fail, succeed, type IntakeRefusal, type Outcome } from './refusals';
import { intakeStream, toNewEvents, toRecorded } from './resident-stream';

const ATTEMPTS_WITHOUT_IF_MATCH = 3;

export interface ResidentCommandRequest {
  residentId: string;
  caseId?: string;
  context: CommandContext;
  /** The command for the state just read; or a refusal found before deciding (a staff role). */
  command: (now: string, resident: RegisteredResident) => IntakeCommand | IntakeRefusal;
  /** Work that must succeed before the events are stored (reserving a corrected NIK). */
  beforeAppend?: (events: readonly NewEvent[], resident: RegisteredResident) => Promise<IntakeRefusal | undefined>;
  /** Work that follows the append and may fail without undoing it (releasing the old NIK). */
  afterAppend?: (events: readonly NewEvent[], before: RegisteredResident) => Promise<void>;
}

export interface CommandResult {
  residentId: string;
  /** The stream's version after the append: the ETag. */
  version: number;
  resident: RegisteredResident;
  appended: RecordedIntakeEvent[];
}

@Injectable()
export class ResidentCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_CLOCK) private readonly clock: Clock,
  ) {}

  async run(request: ResidentCommandRequest): Promise<Outcome<CommandResult>> {
    const { residentId, context } = request;
    const outcome = await handleCommand<IntakeState, RecordedIntakeEvent, IntakeRefusal>(this.store, {
      stream: intakeStream(residentId),
      recorded: toRecorded,
      initialState,
      evolve,
      guard: (state) =>
        state.status !== 'registered'
          ? refuse.residentNotRegistered(residentId)
          : writeAccess(context.actor, state.profile.address.kelurahanCode),
      decide: (state) => {
        const resident = state as RegisteredResident;
        const now = this.clock.now().toISOString();
        const command = request.command(now, resident);
        if (isRefusal(command)) return command;
        const decision = decide(command, resident);
        if (isIntakeError(decision)) return decision;
        return toNewEvents(decision, provenanceOf(context, residentId, now, request.caseId));
      },
      beforeAppend: (events, state) => request.beforeAppend?.(events, state as RegisteredResident) ?? Promise.resolve(undefined),
      expectedVersion: context.expectedVersion,
      attempts: ATTEMPTS_WITHOUT_IF_MATCH,
    });
    if (!outcome.ok) return fail(intakeRefusalOf(outcome.refusal));

    const before = outcome.before as RegisteredResident;
    const appended = (outcome.stored.length > 0 ? outcome.stored : outcome.events).map(toRecorded);
    await request.afterAppend?.(outcome.events, before);
    return succeed({
      residentId,
      version: outcome.version as number,
      resident: appended.reduce(evolve, before) as RegisteredResident,
      appended,
    });
  }
}

function isRefusal(value: IntakeCommand | IntakeRefusal): value is IntakeRefusal {
  return 'problems' in value;
}
