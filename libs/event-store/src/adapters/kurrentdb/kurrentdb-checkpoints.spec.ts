import type { GlobalPosition, Subscription } from '../../port/event-store';
import {
  WriteBehindCheckpoints,
  checkpointStreamName,
  drainingCheckpoints,
} from './kurrentdb-checkpoints';

/** Checkpoint writes that finish only when the test says so. */
function controlledIo() {
  const stored = new Map<string, GlobalPosition>();
  const writes: { name: string; position: GlobalPosition; finish: (error?: Error) => void }[] = [];
  return {
    stored,
    writes,
    io: {
      load: async (name: string) => stored.get(name),
      write: (name: string, position: GlobalPosition) =>
        new Promise<void>((resolve, reject) => {
          writes.push({
            name,
            position,
            finish: (error) => {
              if (error) return reject(error);
              stored.set(name, position);
              resolve();
            },
          });
        }),
    },
    /** Finishes the oldest unfinished write. */
    async finishNext(error?: Error) {
      const next = writes.find((write) => !('done' in write));
      if (!next) throw new Error('no write in flight');
      Object.assign(next, { done: true });
      next.finish(error);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('write-behind checkpoints', () => {
  it('keeps one stream per subscriber, outside the $ namespace', () => {
    expect(checkpointStreamName('reporting.cases')).toBe('lastri-checkpoint-reporting.cases');
  });

  it('returns from save at once, writes one at a time, and always writes the newest position', async () => {
    const { io, writes, stored, finishNext } = controlledIo();
    const checkpoints = new WriteBehindCheckpoints(io);

    await checkpoints.save('s', 'p1');
    await checkpoints.save('s', 'p2');
    await checkpoints.save('s', 'p3');
    expect(writes.map((write) => write.position)).toEqual(['p1']); // one in flight
    await finishNext();
    expect(writes.map((write) => write.position)).toEqual(['p1', 'p3']); // p2 was overtaken
    await finishNext();
    expect(stored.get('s')).toBe('p3');
    expect(checkpoints.busy).toEqual([]);
  });

  it('has a restart read the checkpoint only after the last save is written', async () => {
    const { io, finishNext } = controlledIo();
    const checkpoints = new WriteBehindCheckpoints(io);
    await checkpoints.save('s', 'p1');
    const loaded = checkpoints.load('s');
    await finishNext();
    await expect(loaded).resolves.toBe('p1');
  });

  it('reports a failed write at the next save and at drain, then starts afresh', async () => {
    const { io, finishNext } = controlledIo();
    const checkpoints = new WriteBehindCheckpoints(io);
    await checkpoints.save('s', 'p1');
    await finishNext(new Error('KurrentDB unavailable'));
    await expect(checkpoints.save('s', 'p2')).rejects.toThrow('KurrentDB unavailable');

    await checkpoints.save('t', 't1');
    await finishNext(new Error('KurrentDB unavailable'));
    await expect(checkpoints.drain('t')).rejects.toThrow('KurrentDB unavailable');
    await expect(checkpoints.drain('t')).resolves.toBeUndefined();
  });
});

describe('a subscription that drains its checkpoints', () => {
  function fakeSubscription() {
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const stopped = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const subscription: Subscription = {
      subscriberName: 's',
      caughtUp: Promise.resolve(),
      stopped,
      stop: async () => {
        settle.resolve();
        await stopped.catch(() => undefined);
      },
    };
    return { subscription, settle };
  }

  it('stops only once the last checkpoint is written', async () => {
    const { subscription } = fakeSubscription();
    const order: string[] = [];
    const draining = drainingCheckpoints(subscription, async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('drained');
    });
    await draining.stop();
    order.push('stopped');
    expect(order).toEqual(['drained', 'stopped']);
    await expect(draining.stopped).resolves.toBeUndefined();
  });

  it("reports the handler's error after draining, not a drain error", async () => {
    const { subscription, settle } = fakeSubscription();
    let drained = false;
    const draining = drainingCheckpoints(subscription, async () => {
      drained = true;
      throw new Error('checkpoint write failed too');
    });
    settle.reject(new Error('partner agency endpoint refused the referral'));
    await expect(draining.stopped).rejects.toThrow('partner agency endpoint refused the referral');
    expect(drained).toBe(true);
  });
});
