import { createEventStore, type EventStore, type NewEvent } from '@lastri/event-store';
import { randomUUID } from 'node:crypto';

import {
  handleCommand,
  isHandlerContractViolation,
  isHandlerVersionConflict,
  type CommandRequest,
} from './command-handler';

// A toy context on the real SQLite adapter: each command withdraws a case, and a stream holds at
// most two withdrawals. The event is a real intake CaseWithdrawn, so the contract gate is the real one.
const STREAM = 'intake-5b0c3f1e-8a2d-4f6b-9c7e-2d1a4b3c5e6f';

interface TooMany {
  type: 'TooMany';
}

function withdrawal(reason = 'Keluarga pindah ke Kabupaten Probolinggo.'): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseWithdrawn',
    schemaVersion: 1,
    data: { caseId: '7e4d2c1b-3a5f-4e8d-b6c9-0f1e2d3c4b5a', reason },
    metadata: {
      residentId: '5b0c3f1e-8a2d-4f6b-9c7e-2d1a4b3c5e6f',
      correlationId: randomUUID(),
      actor: 'caseworker:budi',
      occurredAt: '2025-11-12T07:00:03Z',
    },
  };
}

function withdrawOnce(
  overrides: Partial<CommandRequest<number, unknown, TooMany>> = {},
): CommandRequest<number, unknown, TooMany> {
  return {
    stream: STREAM,
    recorded: (event) => event,
    initialState: 0,
    evolve: (count) => count + 1,
    decide: (count) => (count >= 2 ? { type: 'TooMany' } : [withdrawal()]),
    ...overrides,
  };
}

describe('handleCommand', () => {
  let store: EventStore;

  beforeEach(async () => {
    store = await createEventStore('sqlite::memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('appends what was decided on the folded stream and says the new version', async () => {
    const first = await handleCommand(store, withdrawOnce());
    const second = await handleCommand(store, withdrawOnce());

    expect(first).toMatchObject({ ok: true, before: 0, version: 0 });
    expect(second).toMatchObject({ ok: true, before: 1, version: 1 });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });

  it('gives the refusal the decision returned and appends nothing', async () => {
    await handleCommand(store, withdrawOnce());
    await handleCommand(store, withdrawOnce());

    expect(await handleCommand(store, withdrawOnce())).toEqual({
      ok: false,
      refusal: { type: 'TooMany' },
    });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });

  it('refuses an event that breaks its contract and appends nothing', async () => {
    const outcome = await handleCommand(store, withdrawOnce({ decide: () => [withdrawal('')] }));

    expect(outcome).toMatchObject({
      ok: false,
      refusal: { type: 'ContractViolation', eventType: 'CaseWithdrawn', part: 'data' },
    });
    expect(await store.readStream(STREAM)).toHaveLength(0);
  });

  it('with If-Match on a stale version answers a conflict without deciding', async () => {
    await handleCommand(store, withdrawOnce());
    const decide = jest.fn(() => [withdrawal()]);

    const outcome = await handleCommand(store, withdrawOnce({ expectedVersion: 5, decide }));

    expect(outcome).toEqual({
      ok: false,
      refusal: { type: 'VersionConflict', expected: 5, actual: 0 },
    });
    expect(decide).not.toHaveBeenCalled();
  });

  it('without If-Match decides again on the fresh stream after a concurrent append', async () => {
    let raced = false;
    const decided: number[] = [];
    const outcome = await handleCommand(
      store,
      withdrawOnce({
        decide: async (count) => {
          decided.push(count);
          // Another writer appends between this read and this append, once.
          if (!raced) {
            raced = true;
            await store.append(STREAM, [withdrawal()], 'no-stream');
          }
          return [withdrawal()];
        },
      }),
    );

    expect(decided).toEqual([0, 1]);
    expect(outcome).toMatchObject({ ok: true, before: 1, version: 1 });
  });

  it('with If-Match does not retry a concurrent append: the caller never saw that state', async () => {
    await handleCommand(store, withdrawOnce());
    const outcome = await handleCommand(
      store,
      withdrawOnce({
        expectedVersion: 0,
        decide: async () => {
          await store.append(STREAM, [withdrawal()], 0);
          return [withdrawal()];
        },
      }),
    );

    expect(outcome).toEqual({
      ok: false,
      refusal: { type: 'VersionConflict', expected: 0, actual: 1 },
    });
  });

  it('gives up after the bounded number of attempts', async () => {
    const outcome = await handleCommand(
      store,
      withdrawOnce({
        attempts: 2,
        decide: async (_count, version) => {
          await store.append(STREAM, [withdrawal()], version);
          return [withdrawal()];
        },
      }),
    );

    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'VersionConflict' } });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });
});

describe('telling the handler’s refusals from a context’s', () => {
  it('recognises its own conflict and contract refusals by shape, not by type name alone', () => {
    const handlerConflict = { type: 'VersionConflict', expected: 1, actual: 2 };
    const contextConflict = { type: 'VersionConflict', currentVersion: 2 };
    const violation = { type: 'ContractViolation', eventType: 'X', part: 'data', issues: [] };
    expect(isHandlerVersionConflict(handlerConflict)).toBe(true);
    expect(isHandlerVersionConflict(contextConflict)).toBe(false);
    expect(isHandlerContractViolation(violation)).toBe(true);
    expect(isHandlerContractViolation({ type: 'CaseNotFound' })).toBe(false);
  });
});
