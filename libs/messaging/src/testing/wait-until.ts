/**
 * Waits for something asynchronous without asserting how long it took: the deadline only turns
 * a hang into a readable failure (benchmarks measure time; tests do not).
 */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, deadlineMs = 45_000): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
