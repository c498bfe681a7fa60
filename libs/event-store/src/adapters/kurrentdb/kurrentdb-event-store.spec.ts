/** What the store decides before it talks to a server, and how it fails when there is none. */
import {
  KurrentDbEventStore,
  OWN_STREAMS_REGEX,
  toServerFilter,
  withCurrentScheme,
} from './kurrentdb-event-store';
import { withoutCredentials } from '../../event-store-url';

describe('KurrentDbEventStore without a server', () => {
  it("asks the server for this store's streams only: no $-streams, no checkpoint streams", () => {
    const own = new RegExp(OWN_STREAMS_REGEX);
    expect(
      ['intake-r1', 'payments-r1', 'lastri-checkpoints', 'checkpoint-x'].every((name) =>
        own.test(name),
      ),
    ).toBe(true);
    expect(
      ['$$intake-r1', '$stats-node', 'lastri-checkpoint-reporting'].some((name) => own.test(name)),
    ).toBe(false);
    expect(toServerFilter(undefined)).toMatchObject({
      filterOn: 'streamName',
      regex: OWN_STREAMS_REGEX,
    });
    expect(toServerFilter({ streamPrefixes: [] })).toMatchObject({
      filterOn: 'streamName',
      regex: OWN_STREAMS_REGEX,
    });
  });

  it('lets the server filter on one condition and leaves the rest to the store', () => {
    expect(
      toServerFilter({ streamPrefixes: ['intake-'], eventTypes: ['CaseSubmitted'] }),
    ).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['intake-'],
    });
    expect(toServerFilter({ eventTypes: ['CaseSubmitted'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['CaseSubmitted'],
    });
  });

  it('connects esdb:// URLs under their current name, and never repeats a password', () => {
    expect(withCurrentScheme('esdb://admin:changeit@localhost:2113?tls=false')).toBe(
      'kurrentdb://admin:changeit@localhost:2113?tls=false',
    );
    expect(withCurrentScheme('esdb+discover://node1:2113,node2:2113')).toBe(
      'kurrentdb+discover://node1:2113,node2:2113',
    );
    expect(withCurrentScheme('kurrentdb://localhost:2113')).toBe('kurrentdb://localhost:2113');
    expect(withoutCredentials('kurrentdb://admin:changeit@localhost:2113?tls=false')).toBe(
      'kurrentdb://***@localhost:2113?tls=false',
    );
    expect(withoutCredentials('kurrentdb://localhost:2113')).toBe('kurrentdb://localhost:2113');
    expect(withoutCredentials('postgres://lastri:secret@db:5432/lastri')).toBe(
      'postgres://***@db:5432/lastri',
    );
  });

  it('fails to connect to a server that is not there with a message naming it, without its password', async () => {
    const connecting = KurrentDbEventStore.connect(
      'kurrentdb://admin:s3cret@127.0.0.1:9?tls=false',
    );
    await expect(connecting).rejects.toThrow(
      /KurrentDB at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:9\?tls=false cannot be used/,
    );
    await expect(connecting).rejects.not.toThrow(/s3cret/);
  }, 30_000);
});
