import { RecurringTask } from './recurring-task';

/** A task whose rounds the spec releases one by one. */
class Rounds extends RecurringTask {
  started = 0;
  private release: Array<(value: string | undefined) => void> = [];
  failNext = false;

  constructor() {
    super('Spec', 'A spec round', 60_000);
  }

  protected round(): Promise<string | undefined> {
    this.started += 1;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('boom'));
    }
    return new Promise((resolve) => this.release.push(resolve));
  }

  finishRound(): void {
    this.release.shift()?.(undefined);
  }

  poke(): void {
    this.nudge();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RecurringTask', () => {
  it('runs one round at a time, and one more after it for nudges that came meanwhile', async () => {
    const task = new Rounds();
    task.onApplicationBootstrap();
    expect(task.started).toBe(1);
    task.poke();
    task.poke();
    expect(task.started).toBe(1);
    task.finishRound();
    await settle();
    expect(task.started).toBe(2);
    task.finishRound();
    await settle();
    expect(task.started).toBe(2);
    await task.onModuleDestroy();
  });

  it('keeps going after a failed round, and starts none once stopped while awaiting the one in progress', async () => {
    const task = new Rounds();
    task.failNext = true;
    task.onApplicationBootstrap();
    await settle();
    task.poke();
    expect(task.started).toBe(2);
    const stopped = task.onModuleDestroy();
    task.poke();
    task.finishRound();
    await stopped;
    await settle();
    expect(task.started).toBe(2);
  });
});
