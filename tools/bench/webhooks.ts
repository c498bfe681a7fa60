/**
 * Partner webhook benchmark (not a test: nothing here asserts a time).
 *   npm run bench:webhooks
 * N referral events for one agency are handed, one after another as the partner-delivery consumer
 * would, to the webhook path (deliveries requested in the store, the worker signing and posting
 * them, each outcome recorded) with a local receiver answering 200. Then a bare HTTP client posts
 * the same bodies to the same receiver with the same concurrency and keep-alive. Prints
 * deliveries/s and event → delivery latency for both; the last line is the throughput ratio.
 * Settings (--events=… or BENCH_EVENTS=…): events (2000), concurrency (16). SQLite in memory.
 */
import { EventTypes, residentStreamName } from '@lastri/contracts';
import { createEventStore } from '@lastri/event-store';
import { newId, systemClock } from '@lastri/kernel';
import { DeliverWebhooks } from '@lastri/notification/src/webhooks/application/deliver-webhooks';
import { DeliveryLog } from '@lastri/notification/src/webhooks/application/delivery-log';
import { PartnerEvents } from '@lastri/notification/src/webhooks/application/partner-events';
import { RequestDeliveries } from '@lastri/notification/src/webhooks/application/request-deliveries';
import { WebhookSubscriptions } from '@lastri/notification/src/webhooks/application/webhook-subscriptions';
import type { WebhooksDependencies } from '@lastri/notification/src/webhooks/application/webhooks-dependencies';
import { DEFAULT_RETRY_POLICY } from '@lastri/notification/src/webhooks/domain/deliveries';
import { HttpWebhookSender } from '@lastri/notification/src/webhooks/infrastructure/http-webhook-sender';
import { loadPartnerPolicy } from '@lastri/notification/src/webhooks/infrastructure/partner-policy-file';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import 'reflect-metadata';

import { formatMs, formatRate, formatRatio, integerSetting, percentile, renderTable } from './bench-measure';

const AGENCY = 'disnaker';

interface Run {
  readonly name: string;
  readonly seconds: number;
  readonly latencies: number[];
}

async function main(): Promise<void> {
  const events = integerSetting('events', 2000);
  const concurrency = integerSetting('concurrency', 16);
  const received = new Map<string, number>();
  let expected = 0;
  let allReceived: () => void = () => undefined;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { eventId: string } };
      received.set(data.eventId, performance.now());
      response.writeHead(200).end();
      if (received.size === expected) allReceived();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  const store = await createEventStore('sqlite::memory:');
  const targets = { allowPrivateTargets: true };
  const sender = new HttpWebhookSender(targets);
  const deps: WebhooksDependencies = { store, clock: systemClock, policy: loadPartnerPolicy(), retry: DEFAULT_RETRY_POLICY, targets, sender, random: Math.random, concurrency };
  const log = new DeliveryLog(deps);
  const subscriptions = new WebhookSubscriptions(deps);
  const requests = new RequestDeliveries(deps, log);
  const worker = new DeliverWebhooks(deps, log, subscriptions);
  log.onRequested(() => void worker.runDue());
  await subscriptions.create({ agencyId: AGENCY, endpointUrl: url, eventTypes: ['ReferralCreated'] }, { actor: 'admin:bench' });

  const referrals = [];
  for (let index = 0; index < events; index++) referrals.push(await seedReferral(store));

  const waitFor = (count: number) => {
    received.clear();
    expected = count;
    return new Promise<void>((resolve) => (allReceived = resolve));
  };

  // The webhook path: events handed over one by one, the worker woken by each request.
  const webhookDone = waitFor(events);
  const handedAt = new Map<string, number>();
  const webhookStart = performance.now();
  for (const referral of referrals) {
    handedAt.set(referral.id, performance.now());
    await requests.onReferralEvent(referral, newId());
  }
  await webhookDone;
  const webhook: Run = { name: 'webhook path (store, sign, post, record)', seconds: (performance.now() - webhookStart) / 1000, latencies: referrals.map((referral) => (received.get(referral.id) ?? NaN) - (handedAt.get(referral.id) ?? NaN)) };
  await worker.runDue();

  // The bare client: the same minimised bodies, prepared beforehand, posted with the same concurrency.
  const partnerEvents = new PartnerEvents(store, deps.policy);
  const bodies = await Promise.all(referrals.map(async (referral) => JSON.stringify((await partnerEvents.build(referral))?.event)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rawDone = waitFor(events);
  const rawStart = performance.now();
  let next = 0;
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const outgoing = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) await post(bodies[next++]);
  }));
  await rawDone;
  const raw: Run = { name: 'bare HTTP client (same bodies)', seconds: (performance.now() - rawStart) / 1000, latencies: referrals.map((referral) => (received.get(referral.id) ?? NaN) - rawStart) };

  console.log(`Partner webhooks: ${events} ReferralCreated events to one local receiver, concurrency ${concurrency}, SQLite in memory\n`);
  console.log(
    renderTable(
      [['path', 'deliveries/s', 'p50 event→delivery ms', 'p99 event→delivery ms']],
      [webhook, raw].map((run) => [run.name, formatRate(events / run.seconds), formatMs(percentile(run.latencies, 50)), formatMs(percentile(run.latencies, 99))]),
    ),
  );
  console.log('\nThe bare client has every event at its start, so its latency is queueing; the webhook path receives events one by one.');
  console.log(`ratios webhook/raw=${formatRatio(raw.seconds / webhook.seconds)}`);

  agent.destroy();
  sender.close();
  server.closeAllConnections();
  server.close();
  await store.close();
}

async function seedReferral(store: Awaited<ReturnType<typeof createEventStore>>) {
  const residentId = newId();
  const at = new Date().toISOString();
  const metadata = { residentId, correlationId: newId(), actor: 'service:bench', occurredAt: at };
  await store.append(residentStreamName('intake', residentId), [{
    id: newId(), type: EventTypes.ResidentRegistered, schemaVersion: 1, metadata,
    data: {
      residentId, nik: '3575045203850001', noKk: '3575041503100007', name: 'Siti Aminah', birthDate: '1985-03-12', sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA', address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: '35.75.04.1011', kecamatanCode: '35.75.04' },
      phone: '+6281234567890', householdMembers: [], registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
    },
  }], 'no-stream');
  const data = {
    referralId: newId(), caseId: newId(), residentId, kelurahanCode: '35.75.04.1011', determinationId: newId(),
    cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: newId() }, programme: 'KERJA', agencyId: AGENCY, needCategory: 'EMPLOYMENT',
    priority: 'NORMAL', routingTableVersion: '2025.1', createdAt: at, acknowledgeDueAt: at, decideDueAt: at,
  };
  const id = newId();
  await store.append(residentStreamName('referral', residentId), [{ id, type: EventTypes.ReferralCreated, schemaVersion: 1, metadata, data }], 'no-stream');
  return { id, type: EventTypes.ReferralCreated as string, residentId, occurredAt: at, data: data as Record<string, unknown> };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
