/**
 * How every command on a registered resident runs: read the stream, check access, decide, check
 * the events against their contracts, append under the version that was read. With If-Match the
 * caller's version must still be current (409 otherwise); without it a concurrent write is met by
 * reading and deciding again, a few times, since the caller asserted nothing about the version.
 */
import { EVENT_STORE, WrongExpectedVersionError, type EventStore, type NewEvent } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/intake.decider';
import type { IntakeCommand } from '../../domain/intake.commands';
import { isIntakeError, refuse } from '../../domain/intake.errors';
import { evolve } from '../../domain/intake.evolve';
import type { RecordedIntakeEvent } from '../../domain/intake.events';
import type { RegisteredResident } from '../../domain/intake.state';
import { writeAccess } from './access';
import { provenanceOf, type CommandContext } from './command-context';
import { contractViolation } from './contract-gate';
import { INTAKE_CLOCK } from './intake-options';
import { fail, refuseApplication, succeed, type IntakeRefusal, type Outcome } from './refusals';
import { intakeStream, loadResident, toNewEvents, toRecorded } from './resident-stream';

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
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadResident(this.store, residentId);
      const { state, version } = loaded;
      if (state.status !== 'registered') return fail(refuse.residentNotRegistered(residentId));
      const outside = writeAccess(context.actor, state.profile.address.kelurahanCode);
      if (outside) return fail(outside);
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        return fail(refuseApplication.versionConflict(context.expectedVersion, version));
      }

      const now = this.clock.now().toISOString();
      const command = request.command(now, state);
      if (isRefusal(command)) return fail(command);
      const decision = decide(command, state);
      if (isIntakeError(decision)) return fail(decision);

      const events = toNewEvents(decision, provenanceOf(context, residentId, now, request.caseId));
      const violation = contractViolation(events);
      if (violation) return fail(violation);
      const blocked = await request.beforeAppend?.(events, state);
      if (blocked) return fail(blocked);

      try {
        const result = await this.store.append(intakeStream(residentId), events, version as number);
        const appended = (result.appended.length > 0 ? result.appended : events).map(toRecorded);
        await request.afterAppend?.(events, state);
        return succeed({
          residentId,
          version: result.streamVersion,
          resident: appended.reduce(evolve, state) as RegisteredResident,
          appended,
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedVersion !== undefined || attempt >= ATTEMPTS_WITHOUT_IF_MATCH) {
          return fail(refuseApplication.versionConflict(context.expectedVersion ?? version, error.actual));
        }
      }
    }
  }
}

function isRefusal(value: IntakeCommand | IntakeRefusal): value is IntakeRefusal {
  return 'problems' in value;
}
