import { AppendSignal } from './catch-up-subscription';

/** Never reached in these tests: a wait that depended on it would hang the test, not pass it. */
const FOREVER_MS = 2_147_000_000;

describe('AppendSignal', () => {
  it('wakes a subscriber on the next wait when the nudge came while it was reading', async () => {
    const signal = new AppendSignal();
    const subscriber = new AbortController();
    const first = signal.wait(FOREVER_MS, subscriber.signal);
    signal.notify();
    await first;
    // The subscriber is reading now; an append commits and is announced meanwhile.
    signal.notify();
    await signal.wait(FOREVER_MS, subscriber.signal);
    subscriber.abort();
  });

  it('lets a subscriber that saw every nudge sleep until the next one', async () => {
    const signal = new AppendSignal();
    const subscriber = new AbortController();
    await signal.wait(FOREVER_MS, subscriber.signal); // a new subscriber reads once more at once
    let woken = false;
    const sleeping = signal.wait(FOREVER_MS, subscriber.signal).then(() => (woken = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(false);
    signal.notify();
    await sleeping;
    expect(woken).toBe(true);
  });

  it('keeps subscribers apart: one reading does not take another’s nudge', async () => {
    const signal = new AppendSignal();
    const [one, two] = [new AbortController(), new AbortController()];
    await signal.wait(FOREVER_MS, one.signal);
    await signal.wait(FOREVER_MS, two.signal);
    signal.notify(); // both are reading
    await signal.wait(FOREVER_MS, one.signal);
    await signal.wait(FOREVER_MS, two.signal);
  });
});
