import type { NewEvent } from '@lastri/event-store';
import { Injectable, Logger } from '@nestjs/common';

import type { CorrectProfile } from '../../domain/intake.commands';
import type { IntakeEventOf } from '../../domain/intake.events';
import { NikRegistry } from '../nik-registry/nik-registry';
import { concealHolder } from '../support/access';
import { provenanceOf, type CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import { ResidentCommandRunner, type CommandResult } from '../support/resident-command.runner';

export type CorrectProfileInput = Omit<CorrectProfile['data'], 'residentId'>;

/**
 * Corrects wrongly recorded data. A corrected NIK must be free: it is reserved for this resident
 * before the correction is stored, and the old NIK released after, so that the person it really
 * belongs to can be registered.
 */
@Injectable()
export class CorrectProfileHandler {
  private readonly logger = new Logger(CorrectProfileHandler.name);

  constructor(
    private readonly runner: ResidentCommandRunner,
    private readonly nikRegistry: NikRegistry,
  ) {}

  handle(residentId: string, input: CorrectProfileInput, context: CommandContext): Promise<Outcome<CommandResult>> {
    const provenance = (events: readonly NewEvent[]) => provenanceOf(context, residentId, events[0].metadata.occurredAt);
    return this.runner.run({
      residentId,
      context,
      command: (now) => ({ type: 'CorrectProfile', data: { ...input, residentId }, metadata: { now } }),
      beforeAppend: async (events) => {
        const nik = correctedNik(events);
        if (nik === undefined) return undefined;
        const claim = await this.nikRegistry.claim(nik, residentId, 'correction', provenance(events), 'corrections.nik');
        return claim.kind === 'refused' ? concealHolder(context.actor, claim.refusal) : undefined;
      },
      afterAppend: async (events, before) => {
        if (correctedNik(events) === undefined) return;
        try {
          await this.nikRegistry.release(before.profile.nik, residentId, provenance(events));
        } catch (error) {
          // The correction is stored; a reservation left behind is taken over later (NikRegistry).
          this.logger.warn(`Could not release the old NIK reservation of resident ${residentId}: ${(error as Error).message}`);
        }
      },
    });
  }
}

function correctedNik(events: readonly NewEvent[]): string | undefined {
  const corrected = events.find((event) => event.type === 'ResidentProfileCorrected');
  return (corrected?.data as IntakeEventOf<'ResidentProfileCorrected'>['data'] | undefined)?.corrections.nik;
}
