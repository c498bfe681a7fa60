/**
 * The notification module through HTTP and the embedded event transport, on a real (SQLite) store:
 * a moment reaches the consumer, and caseworkers read and set what the resident is sent.
 */
import { eventually } from '@lastri/testing';
import { newId } from '@lastri/kernel';

import type { ChannelSender, OutgoingMessage } from '../application/channels';
import { startNotificationApi, tokens, type JsonBody, type NotificationApi } from '../testing/notification-api.harness';
import { NotificationWorld } from '../testing/notification-world';
import { KANDANGSAPI } from '../testing/source-events.fixture';

const ELSEWHERE = '35.75.01.1001';

/** A channel that keeps what it was given; the SMTP and gateway adapters have their own specs. */
class Outbox implements ChannelSender {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage) {
    this.sent.push(message);
    return { ok: true as const };
  }
}

describe('notification API', () => {
  let world: NotificationWorld;
  let api: NotificationApi;
  let residentId: string;
  const outbox = new Outbox();

  beforeAll(async () => {
    world = await NotificationWorld.inMemory({ SMS: outbox, WHATSAPP: outbox });
    api = await startNotificationApi(world.store, { clock: world.clock, channels: { SMS: outbox, WHATSAPP: outbox } });
    ({ residentId } = await world.registerResident({ phone: '+6281234567890', kelurahanCode: KANDANGSAPI }));
  });
  afterAll(async () => {
    await api.close();
    await world.close();
  });

  it('requests a message when a case is submitted, and shows it to the caseworker of the kelurahan', async () => {
    await world.submitCase(residentId);
    const caseworker = await tokens.caseworker(KANDANGSAPI);
    const view = await eventually('the consumer requested the notification', async () => {
      const response = await api.call('GET', `/residents/${residentId}/notifications`, { token: caseworker });
      return response.body?.notifications?.length > 0 ? response.body : undefined;
    });
    expect(view).toMatchObject({
      residentId,
      preference: null,
      notifications: [{ template: 'case-received', sourceEventType: 'CaseSubmitted', status: 'PENDING', channel: 'SMS', attempts: 0, recipient: { phone: '+6281234567890' } }],
    });
    expect(view.notifications[0].text).toMatch(/^Dinsos Kota Pasuruan: Yth\. Siti Aminah, permohonan bantuan Anda sudah kami terima/);
  });

  it('answers a resident outside the caseworker’s kelurahan as not found, like an unknown one; a supervisor sees the city', async () => {
    const elsewhere = await tokens.caseworker(ELSEWHERE);
    const outside = await api.call('GET', `/residents/${residentId}/notifications`, { token: elsewhere });
    const unknown = await api.call('GET', `/residents/${newId()}/notifications`, { token: elsewhere });
    expect([outside.status, outside.body.code]).toEqual([404, 'ResidentNotFound']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ResidentNotFound']);
    const put = await api.call('PUT', `/residents/${residentId}/notification-preference`, { token: elsewhere, body: { channel: 'NONE' } });
    expect(put.status).toBe(404);
    expect((await api.call('GET', `/residents/${residentId}/notifications`, { token: await tokens.supervisor() })).status).toBe(200);
  });

  it('records the preference as an event, and the next moment goes over that channel', async () => {
    const caseworker = await tokens.caseworker(KANDANGSAPI);
    const bad = await api.call('PUT', `/residents/${residentId}/notification-preference`, { token: caseworker, body: { channel: 'PIGEON' } });
    expect(bad.status).toBe(400);

    const set = await api.call('PUT', `/residents/${residentId}/notification-preference`, { token: caseworker, body: { channel: 'WHATSAPP' } });
    expect([set.status, set.body]).toEqual([200, { residentId, channel: 'WHATSAPP', changed: true }]);
    const again = await api.call('PUT', `/residents/${residentId}/notification-preference`, { token: caseworker, body: { channel: 'WHATSAPP' } });
    expect(again.body.changed).toBe(false);
    const stored = (await world.notificationEvents(residentId)).filter((event) => event.type === 'NotificationPreferenceSet');
    expect(stored.map((event) => [event.data, event.metadata.actor])).toEqual([[{ channel: 'WHATSAPP', setBy: 'caseworker:budi', setAt: expect.any(String) }, 'caseworker:budi']]);

    await world.determine(residentId);
    const view = await eventually('the outcome is requested', async () => {
      const response = await api.call('GET', `/residents/${residentId}/notifications`, { token: caseworker });
      return response.body.notifications.length === 2 ? response.body : undefined;
    });
    expect(view.preference).toBe('WHATSAPP');
    expect(view.notifications.map((notification: JsonBody) => [notification.template, notification.channel])).toEqual([
      ['case-received', 'SMS'],
      ['eligibility-outcome', 'WHATSAPP'],
    ]);
  });

  it('documents its routes with their answers and problems', async () => {
    const document = (await api.call('GET', '/docs-json')).body;
    const put = document.paths['/residents/{residentId}/notification-preference'].put;
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '429']);
    expect(Object.keys(document.paths['/residents/{residentId}/notifications'].get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429']);
  });
});
