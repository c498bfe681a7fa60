/**
 * recordedAt never goes backwards: a resident's history "as of" a time cuts the global order by
 * recordedAt, so a later event recorded at an earlier time (the wall clock stepped back) would
 * show in a history that leaves out events before it. Every adapter stamps appends through this.
 */

/** Now, but never before any of `notBefore` (the stream head's, the last one this store gave out). */
export function nextRecordedAt(now: Date, ...notBefore: (string | null | undefined)[]): string {
  let recordedAt = now.toISOString();
  for (const floor of notBefore) if (floor != null && floor > recordedAt) recordedAt = floor;
  return recordedAt;
}
