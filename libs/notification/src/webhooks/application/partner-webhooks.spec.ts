import { Webhook } from 'standardwebhooks';

import { HttpWebhookSender } from '../infrastructure/http-webhook-sender';
import { isPrivateAddress } from '../infrastructure/webhook-target';
import { WebhookReceiver, type ReceivedWebhook } from '../testing/webhook-receiver';
import { ADMIN, WebhooksWorld } from '../testing/webhooks-world';
import type { SubscriptionWithSecret } from './webhook-subscriptions';

const SECOND = 1000;

function headersOf(received: ReceivedWebhook, signature?: string): Record<string, string> {
  return {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': signature ?? String(received.headers['webhook-signature']),
  };
}

describe('partner webhooks', () => {
  let world: WebhooksWorld;
  const receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const started = await WebhookReceiver.start();
    receivers.push(started);
    return started;
  };
  const subscribe = async (agencyId: string, endpointUrl: string, eventTypes = ['ReferralCreated']) =>
    (await world.subscriptions.create({ agencyId, endpointUrl, eventTypes }, ADMIN)) as SubscriptionWithSecret;

  beforeEach(async () => {
    world = await WebhooksWorld.start();
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((started) => started.close()));
    await world.close();
  });

  it('delivers a minimised referral that a Standard Webhooks receiver verifies with the subscription’s secret', async () => {
    const endpoint = await receiver();
    const subscription = await subscribe('dinas-pendidikan', endpoint.url);
    const referral = await world.referral('dinas-pendidikan', 'PIP');
    await world.deliverDue();

    expect(endpoint.received).toHaveLength(1);
    const [received] = endpoint.received;
    const verified = new Webhook(subscription.secret.secret).verify(received.body, headersOf(received));
    expect(verified).toEqual({
      type: 'ReferralCreated',
      timestamp: expect.any(String),
      data: {
        eventId: referral.createdEventId,
        referralId: referral.referralId,
        agencyId: 'dinas-pendidikan',
        programme: 'PIP',
        needCategory: 'EDUCATION',
        priority: 'NORMAL',
        acknowledgeDueAt: '2026-03-05T17:00:00.000Z',
        decideDueAt: '2026-03-10T17:00:00.000Z',
        resident: { name: 'Siti Aminah', nikMasked: '357504******0001', phone: '+6281234567890' },
      },
    });
    expect(() => new Webhook('whsec_' + Buffer.alloc(32, 7).toString('base64')).verify(received.body, headersOf(received))).toThrow();
  });

  it('gives a flaky receiver (503 twice, then 200) exactly one accepted delivery per event, under one webhook-id', async () => {
    const endpoint = (await receiver()).answers({ status: 503 }, { status: 503 }, { status: 200 });
    await subscribe('disnaker', endpoint.url);
    await world.referral('disnaker', 'PELATIHAN');

    await world.deliverDue();
    world.clock.advance(1 * SECOND);
    await world.deliverDue();
    world.clock.advance(2 * SECOND);
    await world.deliverDue();
    world.clock.advance(60 * SECOND);
    await world.deliverDue();

    expect(endpoint.received.map((received) => received.status)).toEqual([503, 503, 200]);
    expect(new Set(endpoint.received.map((received) => received.headers['webhook-id'])).size).toBe(1);
    expect(endpoint.accepted()).toHaveLength(1);
    expect((await world.log.ofAgency('disnaker', 'DELIVERED')).map((delivery) => delivery.attempts)).toEqual([3]);
  });

  it('disables the subscription when the endpoint answers 410 Gone, and sends it nothing more', async () => {
    const endpoint = (await receiver()).answers({ status: 410 });
    const subscription = await subscribe('baznas', endpoint.url);
    await world.referral('baznas', 'SEMBAKO_DAERAH');
    await world.deliverDue();
    await world.referral('baznas', 'SEMBAKO_DAERAH');
    world.clock.advance(3600 * SECOND);
    await world.deliverDue();

    expect(endpoint.received).toHaveLength(1);
    expect(await world.subscriptions.list('baznas')).toEqual([
      expect.objectContaining({ subscriptionId: subscription.subscriptionId, enabled: false, disabledReason: 'ENDPOINT_GONE' }),
    ]);
  });

  it('waits for the endpoint’s Retry-After before trying again', async () => {
    const endpoint = (await receiver()).answers({ status: 429, headers: { 'Retry-After': '120' } }, { status: 200 });
    await subscribe('disnaker', endpoint.url);
    await world.referral('disnaker', 'KERJA');
    await world.deliverDue();

    world.clock.advance(119 * SECOND);
    await world.deliverDue();
    expect(endpoint.received).toHaveLength(1);

    world.clock.advance(2 * SECOND);
    await world.deliverDue();
    expect(endpoint.received.map((received) => received.status)).toEqual([429, 200]);
  });

  it('dead-letters a delivery the endpoint refuses (4xx), lists it, and sends it again on an operator’s retry', async () => {
    const endpoint = (await receiver()).answers({ status: 400 }, { status: 200 });
    await subscribe('lksa', endpoint.url);
    await world.referral('lksa', 'ATENSI');
    await world.deliverDue();

    const [dead] = await world.log.ofAgency('lksa', 'DEAD');
    expect(dead).toMatchObject({ attempts: 1, lastStatusCode: 400 });
    const retried = await world.requests.retryDead({ agencyId: 'lksa', deliveryId: dead.request.deliveryId }, ADMIN);
    expect(retried).toEqual({ deliveryId: expect.any(String) });
    await world.deliverDue();

    expect(endpoint.received.map((received) => received.status)).toEqual([400, 200]);
    expect(endpoint.received[1].headers['webhook-id']).toBe(endpoint.received[0].headers['webhook-id']);
    expect(await world.log.ofAgency('lksa', 'DEAD')).toEqual([]);
  });

  it('replays exactly the events of the window asked, with their original webhook-ids', async () => {
    const endpoint = await receiver();
    await subscribe('dinas-kesehatan', endpoint.url);
    const before = await world.referral('dinas-kesehatan', 'PBI_JK');
    world.clock.advance(10 * SECOND);
    const from = world.clock.now().toISOString();
    const inside = await world.referral('dinas-kesehatan', 'PBI_JK');
    world.clock.advance(10 * SECOND);
    const to = world.clock.now().toISOString();
    await world.referral('dinas-kesehatan', 'PBI_JK');
    await world.deliverDue();
    const firstIds = endpoint.received.map((received) => received.headers['webhook-id']);

    const replay = await world.requests.replay({ agencyId: 'dinas-kesehatan', from, to }, ADMIN);
    await world.deliverDue();

    expect(replay).toMatchObject({ events: 1, deliveries: 1 });
    const replayed = endpoint.received.slice(3);
    expect(replayed.map((received) => JSON.parse(received.body).data.referralId)).toEqual([inside.referralId]);
    expect(replayed[0].headers['webhook-id']).toBe(firstIds[1]);
    expect(firstIds).toHaveLength(3);
    expect(before.referralId).not.toBe(inside.referralId);
  });

  it('never sends one agency’s referrals to another agency', async () => {
    const a = await receiver();
    const b = await receiver();
    await subscribe('dinas-pendidikan', a.url);
    await subscribe('disnaker', b.url);
    const forA = await world.referral('dinas-pendidikan', 'PIP');
    const forB = await world.referral('disnaker', 'PELATIHAN');
    await world.deliverDue();
    world.clock.advance(SECOND);
    await world.requests.replay({ agencyId: 'disnaker', from: '2000-01-01T00:00:00Z' }, ADMIN);
    await world.deliverDue();

    expect(a.accepted().map((event) => event.data.referralId)).toEqual([forA.referralId]);
    expect(b.accepted().map((event) => event.data.referralId)).toEqual([forB.referralId, forB.referralId]);
  });

  it('signs with the old and the new secret while a rotation’s grace lasts, each signature verifying on its own', async () => {
    const endpoint = await receiver();
    const subscription = await subscribe('kemensos-upt', endpoint.url);
    const rotated = (await world.subscriptions.rotateSecret({ agencyId: 'kemensos-upt', subscriptionId: subscription.subscriptionId, graceHours: 1 }, ADMIN)) as SubscriptionWithSecret;
    await world.referral('kemensos-upt', 'PKH');
    await world.deliverDue();

    const [received] = endpoint.received;
    const signatures = String(received.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(() => new Webhook(subscription.secret.secret).verify(received.body, headersOf(received, signatures[0]))).not.toThrow();
    expect(() => new Webhook(rotated.secret.secret).verify(received.body, headersOf(received, signatures[1]))).not.toThrow();
    expect(() => new Webhook(rotated.secret.secret).verify(received.body, headersOf(received, signatures[0]))).toThrow();
  });

  it('keeps pending deliveries across a restart and sends each once', async () => {
    const endpoint = (await receiver()).answers({ status: 503 }, { status: 200 });
    await subscribe('dispendukcapil', endpoint.url);
    await world.referral('dispendukcapil', 'PIP');
    await world.deliverDue();
    const restarted = world.restarted();
    world.clock.advance(5 * SECOND);
    await restarted.worker.runDue();
    await restarted.worker.runDue();

    expect(endpoint.received.map((received) => received.status)).toEqual([503, 200]);
  });
});

describe('webhook targets (SSRF)', () => {
  it('refuses a subscription to a loopback, private or plain-http endpoint when private targets are not allowed', async () => {
    const world = await WebhooksWorld.start({ allowPrivateTargets: false });
    try {
      for (const endpointUrl of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://[::1]/hook', 'https://localhost/hook', 'http://agency.example/hook']) {
        expect(await world.subscriptions.create({ agencyId: 'disnaker', endpointUrl, eventTypes: ['ReferralCreated'] }, ADMIN)).toMatchObject({ type: 'EndpointNotAllowed' });
      }
    } finally {
      await world.close();
    }
  });

  it('refuses at delivery time, after resolving the name, and sends nothing', async () => {
    const endpoint = await WebhookReceiver.start();
    const sender = new HttpWebhookSender({ allowPrivateTargets: false });
    try {
      const result = await sender.send({ url: endpoint.url.replace('127.0.0.1', 'localhost').replace('http:', 'https:'), headers: {}, body: '{}' }, new Date());
      expect(result).toMatchObject({ kind: 'refused' });
      expect(endpoint.received).toEqual([]);
    } finally {
      sender.close();
      await endpoint.close();
    }
  });

  it('tells internal addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.10', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(address)).toBe(true);
    }
    for (const address of ['103.10.20.30', '8.8.8.8', '2001:4860:4860::8888']) {
      expect(isPrivateAddress(address)).toBe(false);
    }
  });
});
