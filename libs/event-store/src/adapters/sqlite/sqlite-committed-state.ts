/**
 * What an append starts from (the stream's head, the last recordedAt), as this connection last
 * saw it committed, so that an append need not read it again. It holds only committed state: what
 * a read inside a transaction found, and what this connection's own appends committed.
 *
 * It is good for as long as no other connection has committed, which SQLite's data_version tells:
 * it changes when another connection commits and not when this one does. An append reads it
 * inside its IMMEDIATE transaction, where no other connection can commit any more, and the cache
 * is dropped whenever it moved; so a cached head is the head in the database.
 */
import type { StreamName } from '../../port/event-store';

export interface StreamHead {
  version: number;
  hash: string;
}

/** Beyond this many streams the cache starts over: its memory stays bounded, only its hits are lost. */
const MAX_CACHED_STREAMS = 10_000;

export class CommittedState {
  private dataVersion: number | undefined;
  /** null: the stream has no events. */
  private readonly heads = new Map<StreamName, StreamHead | null>();
  /** null: the store has no events; undefined: not known. */
  private lastRecordedAtValue: string | null | undefined;

  /** Drops everything unless `dataVersion` (read inside the write transaction) is the one the cache is from. */
  validate(dataVersion: number): void {
    if (dataVersion !== this.dataVersion) {
      this.forget();
      this.dataVersion = dataVersion;
    }
  }

  /** The stream's head; undefined when not known. */
  head(stream: StreamName): StreamHead | null | undefined {
    return this.heads.get(stream);
  }

  get lastRecordedAt(): string | null | undefined {
    return this.lastRecordedAtValue;
  }

  /** What a read in the current transaction found: committed state, even if the transaction goes on to fail. */
  found(stream: StreamName, head: StreamHead | null, lastRecordedAt: string | null): void {
    this.remember(stream, head);
    this.lastRecordedAtValue = lastRecordedAt;
  }

  /** What this connection's append committed: call only once the commit went through. */
  committed(stream: StreamName, head: StreamHead, recordedAt: string): void {
    this.remember(stream, head);
    this.lastRecordedAtValue = recordedAt;
  }

  forget(): void {
    this.heads.clear();
    this.lastRecordedAtValue = undefined;
    this.dataVersion = undefined;
  }

  private remember(stream: StreamName, head: StreamHead | null): void {
    if (this.heads.size >= MAX_CACHED_STREAMS && !this.heads.has(stream)) this.heads.clear();
    this.heads.set(stream, head);
  }
}
