import { residentStreamName } from '@lastri/contracts';
import { deterministicEventId, newId } from '@lastri/kernel';

import { fromKafkaRecord, toKafkaRecord } from '../envelope/cloud-events.kafka';
import { caseOpened, storedEvent } from '../testing/intake-events.fixture';
import { temporarySqliteStore, type TemporaryStore } from '../testing/temporary-store';
import { appendCausedEvents, causedBy } from './caused-events';

describe('events caused by an event', () => {
  const residentId = newId();
  const cause = fromKafkaRecord(toKafkaRecord(storedEvent(caseOpened(residentId))));
  const reaction = { handler: 'evaluate-eligibility', actor: 'service:eligibility', at: new Date('2025-11-10T02:06:00Z') };
  let temporary: TemporaryStore;
  beforeEach(async () => {
    temporary = await temporarySqliteStore();
  });
  afterEach(() => temporary.dispose());

  it('get ids from the cause and the handler, and carry its resident, correlation and causation', () => {
    const first = causedBy(cause, reaction);
    const again = causedBy(cause, reaction);
    const [a, b] = [first.event('ManualReviewRequired', { x: 1 }), first.event('ManualReviewRequired', { x: 2 })];

    expect(a.id).toBe(deterministicEventId(cause.id, 'evaluate-eligibility'));
    expect(b.id).not.toBe(a.id);
    expect([again.event('ManualReviewRequired', {}).id, again.event('ManualReviewRequired', {}).id]).toEqual([a.id, b.id]);
    expect(a.metadata).toEqual({
      residentId,
      correlationId: cause.correlationId,
      causationId: cause.id,
      actor: 'service:eligibility',
      occurredAt: '2025-11-10T02:06:00.000Z',
    });
    expect(a.schemaVersion).toBe(1);
  });

  it('are appended once, however often the cause is processed', async () => {
    const stream = residentStreamName('eligibility', residentId);
    const decide = () => [causedBy(cause, reaction).event('ManualReviewRequired', { reason: 'test' })];

    const first = await appendCausedEvents(temporary.store, stream, decide);
    const repeat = await appendCausedEvents(temporary.store, stream, decide);

    expect(first?.appended).toHaveLength(1);
    expect(repeat?.alreadyAppended).toBe(true);
    expect(await temporary.store.readStream(stream)).toHaveLength(1);
  });
});
