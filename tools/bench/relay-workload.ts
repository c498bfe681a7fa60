/** The benchmark's events: contract-valid CaseOpened v1 (the messaging tests' fixture), spread over many residents. */
import type { EventStore, NewEvent } from '@lastri/event-store';
import { residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { caseOpened } from '@lastri/messaging/src/testing/intake-events.fixture';

/** A CaseOpened with a description of realistic length (it sets the record size) and occurredAt now. */
export function caseOpening(residentId: string, sequence: number): NewEvent {
  return caseOpened(residentId, {
    description: `Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya; ibu bekerja serabutan. #${sequence}`,
    occurredAt: new Date().toISOString(),
  });
}

/** `count` events over `residents` residents, appended a resident's few at a time, interleaved. */
export async function appendWorkload(store: EventStore, count: number, residents: number): Promise<void> {
  const residentIds = Array.from({ length: residents }, () => newId());
  const perAppend = 5;
  for (let appended = 0, round = 0; appended < count; round++) {
    for (const residentId of residentIds) {
      if (appended >= count) break;
      const size = Math.min(perAppend, count - appended);
      const events = Array.from({ length: size }, (_, index) => caseOpening(residentId, round * perAppend + index));
      await store.append(residentStreamName('intake', residentId), events, 'any');
      appended += size;
    }
  }
}
