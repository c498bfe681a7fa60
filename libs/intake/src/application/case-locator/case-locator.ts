/**
 * Which resident a case belongs to. A case's events live in its resident's stream
 * (`intake-<residentId>`, docs/architecture.md), but a caseworker follows a case by its id, so each
 * case gets a one-event stream `intake.case-<caseId>` saying whose it is. It is written after the
 * decision and just before CaseOpened: a crash in between leaves a locator pointing at a resident
 * without that case, which reads as "no such case", and the retried request opens a new one.
 * Like the NIK reservations, these streams sit outside the `intake-` prefix: not resident history,
 * not relayed.
 */
import { EVENT_STORE, WrongExpectedVersionError, type EventStore } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { eventMetadata, type EventProvenance } from '../support/resident-stream';

export const CASE_LOCATOR_STREAM_PREFIX = 'intake.case-';
export const CASE_LOCATED = 'CaseLocated';

export interface CaseLocatedData {
  caseId: string;
  residentId: string;
}

@Injectable()
export class CaseLocator {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async residentOf(caseId: string): Promise<string | undefined> {
    const [located] = await this.store.readStream(CASE_LOCATOR_STREAM_PREFIX + caseId, { limit: 1 });
    return located ? (located.data as CaseLocatedData).residentId : undefined;
  }

  /** Idempotent for the same resident, so a command retried after a concurrent write can record it again. */
  async record(caseId: string, provenance: EventProvenance): Promise<void> {
    const data: CaseLocatedData = { caseId, residentId: provenance.residentId };
    try {
      await this.append(caseId, data, provenance);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || (await this.residentOf(caseId)) !== provenance.residentId) throw error;
    }
  }

  private async append(caseId: string, data: CaseLocatedData, provenance: EventProvenance): Promise<void> {
    await this.store.append(
      CASE_LOCATOR_STREAM_PREFIX + caseId,
      [
        {
          id: newId(),
          type: CASE_LOCATED,
          schemaVersion: 1,
          data,
          metadata: eventMetadata({ ...provenance, caseId }),
        },
      ],
      'no-stream',
    );
  }
}
