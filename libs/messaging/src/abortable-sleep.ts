/** Waits `ms`, or less if `abort` fires first: a back-off that a stopping component cuts short. */
export function abortableSleep(ms: number, abort: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    abort.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      abort.removeEventListener('abort', done);
      resolve();
    }
  });
}
