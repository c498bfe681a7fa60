import { createEventStore, type EventStore } from '@lastri/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TemporaryStore {
  store: EventStore;
  /** `sqlite:<file>`, for another process to open the same store. */
  url: string;
  dispose(): Promise<void>;
}

/** An event store in a SQLite file of its own, removed afterwards. */
export async function temporarySqliteStore(): Promise<TemporaryStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lastri-messaging-'));
  const file = path.join(dir, 'events.db');
  const url = `sqlite:${file}`;
  const store = await createEventStore(url);
  return {
    store,
    url,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
