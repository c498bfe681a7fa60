import { EVENT_STORE, WrongExpectedVersionError, type EventStore } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/intake.decider';
import type { RegisterResident } from '../../domain/intake.commands';
import { isIntakeError } from '../../domain/intake.errors';
import { evolve } from '../../domain/intake.evolve';
import { initialState, type RegisteredResident } from '../../domain/intake.state';
import { NikRegistry } from '../nik-registry/nik-registry';
import { concealHolder, isStaffMember, staffMemberFor, writeAccess } from '../support/access';
import { provenanceOf, type CommandContext } from '../support/command-context';
import { eventContractRefusal } from '../support/contract-gate';
import { INTAKE_CLOCK } from '../support/intake-options';
import { fail, refuseApplication, succeed, type Outcome } from '../support/refusals';
import type { CommandResult } from '../support/resident-command.runner';
import { intakeStream, loadResident, toNewEvents, toRecorded } from '../support/resident-stream';

export type RegisterResidentInput = Omit<RegisterResident['data'], 'residentId' | 'registeredBy'>;

/**
 * Registers a resident once per NIK: decide on the data, reserve the NIK (NikRegistry explains
 * how that holds under concurrency and crashes), then open the resident's stream.
 */
@Injectable()
export class RegisterResidentHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_CLOCK) private readonly clock: Clock,
    private readonly nikRegistry: NikRegistry,
  ) {}

  async handle(input: RegisterResidentInput, context: CommandContext): Promise<Outcome<CommandResult>> {
    const registeredBy = staffMemberFor(context.actor, context.staffRole);
    if (!isStaffMember(registeredBy)) return fail(registeredBy);
    const now = this.clock.now().toISOString();
    const provenanceFor = (residentId: string) => provenanceOf(context, residentId, now);
    const eventsFor = (residentId: string) => {
      const command: RegisterResident = {
        type: 'RegisterResident',
        data: { ...input, residentId, registeredBy },
        metadata: { now },
      };
      const decision = decide(command, initialState);
      return isIntakeError(decision) ? decision : toNewEvents(decision, provenanceFor(residentId));
    };

    // The data first, then the kelurahan: an unknown kelurahan is a mistake to name, not a 403.
    let residentId = newId();
    let events = eventsFor(residentId);
    if (isIntakeError(events)) return fail(events);
    const outside = writeAccess(context.actor, input.address.kelurahanCode);
    if (outside) return fail(outside);
    const violation = eventContractRefusal(events);
    if (violation) return fail(violation);

    const claim = await this.nikRegistry.claim(input.nik, residentId, 'registration', provenanceFor(residentId), 'nik');
    if (claim.kind === 'refused') return fail(concealHolder(context.actor, claim.refusal));
    if (claim.kind === 'adopt') {
      residentId = claim.residentId;
      events = eventsFor(residentId);
      if (isIntakeError(events)) return fail(events);
    }

    try {
      const result = await this.store.append(intakeStream(residentId), events, 'no-stream');
      const appended = result.appended.map(toRecorded);
      return succeed({
        residentId,
        version: result.streamVersion,
        resident: appended.reduce(evolve, initialState) as RegisteredResident,
        appended,
      });
    } catch (error) {
      // Only an adopted registration can meet an existing stream: another request finished it first.
      if (error instanceof WrongExpectedVersionError) {
        const { state } = await loadResident(this.store, residentId);
        const holder = state.status === 'registered' ? { residentId, kelurahanCode: state.profile.address.kelurahanCode } : undefined;
        return fail(concealHolder(context.actor, refuseApplication.nikAlreadyRegistered(holder)));
      }
      throw error;
    }
  }
}
