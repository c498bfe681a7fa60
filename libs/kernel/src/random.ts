/**
 * A seeded generator for property tests and benchmarks: the same seed gives the same numbers on
 * every machine, so a failure is reproducible from the seed it prints. Not for secrets or ids.
 */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to spread cases over the rules' boundaries. Values in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
