/**
 * The contract suite's harness over KurrentDB (a real server, or the in-memory double), with
 * the tampering the suite asks for done the way it can be done to KurrentDB.
 *
 * The SQL harnesses UPDATE or DELETE one row behind the store's back. KurrentDB has no such
 * operation: its log is append-only, and no client call changes or removes one event. What
 * someone with write access (or the admin password) can do is hide a stream's events, by
 * setting truncate-before (`$tb`) past them, as a soft delete does, and write the stream again
 * after them, the way they want it. That is what the harness does, through the plain client:
 *
 * - "modify event v in place": hide every event of the stream, then append copies of all of
 *   them, same ids, types and metadata (chain fields included), with event v's data replaced;
 * - "delete event v": the same, without a copy of event v.
 *
 * Readers then see a stream whose events, ids and chain fields are the originals except for the
 * one change, which is what the contract's tamper tests need to see caught. (The one other way
 * is editing KurrentDB's chunk files on disk, which a test cannot do to a server in a container.)
 * Verification reports the change as the SQL stores do, and on KurrentDB also that the stream
 * was written again (kurrentdb-verify.ts).
 */
import { jsonEvent, type JSONType, type MetadataType } from '@kurrent/kurrentdb-client';

import type { ContractHarness } from '../../contract/event-store.contract';
import type { StreamName } from '../../port/event-store';
import type { RecordedLike } from './kurrentdb-envelope';
import type { KurrentClient, KurrentDbEventStore } from './kurrentdb-event-store';

export interface KurrentHarnessTarget {
  /** A new store instance on the same server, as another process would open it. */
  open(): Promise<KurrentDbEventStore>;
  /** A plain client for tampering; the harness disposes of it. */
  rawClient(): KurrentClient;
}

export async function kurrentDbHarness(target: KurrentHarnessTarget): Promise<ContractHarness> {
  const opened: KurrentDbEventStore[] = [];
  const open = async () => {
    const store = await target.open();
    opened.push(store);
    return store;
  };
  let raw: KurrentClient | undefined;
  const tamperer = () => (raw ??= target.rawClient());

  return {
    store: await open(),
    reopen: open,
    tamper: {
      modifyEventData: (stream, version, newData) =>
        rewriteStream(tamperer(), stream, (records) => {
          expectOneAt(records, stream, version);
          return records.map((record) =>
            record.revision === BigInt(version) ? { ...record, data: newData } : record,
          );
        }),
      deleteEvent: (stream, version) =>
        rewriteStream(tamperer(), stream, (records) => {
          expectOneAt(records, stream, version);
          return records.filter((record) => record.revision !== BigInt(version));
        }),
    },
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await raw?.dispose();
    },
  };
}

/**
 * Hides every event of `stream` (truncate-before past its last revision) and appends what
 * `edit` makes of them, as they were stored: ids, types, data and metadata.
 */
export async function rewriteStream(
  client: KurrentClient,
  stream: StreamName,
  edit: (records: RecordedLike[]) => RecordedLike[],
): Promise<void> {
  const records: RecordedLike[] = [];
  for await (const resolved of client.readStream(stream))
    if (resolved.event) records.push(resolved.event);
  const last = records[records.length - 1];
  if (!last) throw new Error(`Cannot tamper with ${stream}: it has no events.`);
  await client.setStreamMetadata(stream, { truncateBefore: Number(last.revision) + 1 });
  const copies = edit(records).map((record) =>
    jsonEvent({
      id: record.id,
      type: record.type,
      data: record.data as JSONType,
      metadata: record.metadata as MetadataType,
    }),
  );
  if (copies.length > 0)
    await client.appendToStream(stream, copies, { streamState: last.revision });
}

function expectOneAt(records: RecordedLike[], stream: StreamName, version: number): void {
  const matches = records.filter((record) => record.revision === BigInt(version)).length;
  if (matches !== 1)
    throw new Error(
      `Tampering with ${stream}: ${matches} events at version ${version} instead of one.`,
    );
}
