/**
 * From a moment to what the resident receives: a real SMTP server parses the mail as delivered, a
 * local HTTP server plays the SMS gateway; the store is a real (SQLite) one.
 */
import { HttpGatewayChannel } from '../../infrastructure/http-gateway.channel';
import { SmtpEmailChannel } from '../../infrastructure/smtp-email.channel';
import { startSmsGatewayTestServer, type SmsGatewayTestServer } from '../../testing/sms-gateway-test-server';
import { startSmtpTestServer, type SmtpTestServer } from '../../testing/smtp-test-server';
import { NotificationWorld, TEST_RETRY } from '../../testing/notification-world';

const FROM = '"Dinas Sosial Kota Pasuruan" <noreply@dinsos.pasuruankota.go.id>';

describe('notifying residents', () => {
  let smtp: SmtpTestServer;
  let gateway: SmsGatewayTestServer;
  let email: SmtpEmailChannel;
  let world: NotificationWorld;

  beforeAll(async () => {
    [smtp, gateway] = await Promise.all([startSmtpTestServer(), startSmsGatewayTestServer()]);
    email = new SmtpEmailChannel({ url: smtp.url, from: FROM });
    const sms = new HttpGatewayChannel({ url: gateway.url });
    world = await NotificationWorld.inMemory({ EMAIL: email, SMS: sms, WHATSAPP: sms });
  });
  afterAll(async () => {
    await email.close();
    await Promise.all([smtp.close(), gateway.close(), world.close()]);
  });
  beforeEach(() => {
    smtp.received.length = 0;
    gateway.requests.length = 0;
    gateway.accepted.length = 0;
    gateway.answer(200);
  });

  it('e-mails the eligibility outcome, the unmet criteria in plain words, as the mail server received it', async () => {
    const { residentId } = await world.registerResident({ name: 'Siti Aminah', email: 'siti.aminah@example.id', phone: '+6281234567890' });
    await world.request.handle(await world.determine(residentId));
    await world.dispatcher.run();

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined).toBe('siti.aminah@example.id');
    expect(mail.from?.value[0].name).toBe('Dinas Sosial Kota Pasuruan');
    expect(mail.subject).toMatch(/^Hasil pemeriksaan kelayakan bantuan Anda \(No\. [0-9A-F]{8}\)$/);
    expect(mail.text).toContain('Yth. Bapak/Ibu Siti Aminah,');
    expect(mail.text).toContain('- Program Indonesia Pintar (PIP): LAYAK.');
    expect(mail.text).toContain('• Desil rumah tangga paling tinggi 4 (data Anda: 6)');
    expect(gateway.requests).toEqual([]);
    expect((await world.notificationEvents(residentId)).map((event) => event.type)).toEqual(['NotificationRequested', 'NotificationSent']);
  });

  it('sends one mail for the same source event delivered twice, and after a replay of the whole log', async () => {
    const { residentId } = await world.registerResident({ email: 'siti.aminah@example.id' });
    const submitted = await world.submitCase(residentId);
    await world.request.handle(submitted);
    await world.request.handle(submitted);
    await world.dispatcher.run();
    await world.request.handle(submitted);
    await world.restart().run();

    expect(smtp.received.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Permohonan bantuan Anda sudah kami terima/)]);
  });

  it('sends nothing once the resident withdrew consent to notifications, and records why', async () => {
    const { residentId, consentId } = await world.registerResident({ email: 'siti.aminah@example.id', phone: '+6281234567890' });
    await world.withdrawNotificationConsent(residentId, consentId);
    await world.request.handle(await world.submitCase(residentId));
    await world.dispatcher.run();

    expect(smtp.received).toEqual([]);
    expect(gateway.requests).toEqual([]);
    const events = await world.notificationEvents(residentId);
    expect(events.map((event) => [event.type, (event.data as { reason?: string }).reason])).toEqual([['NotificationSkipped', 'NO_CONSENT']]);
  });

  it('sends nothing to a resident with no e-mail and no phone, and records why', async () => {
    const { residentId } = await world.registerResident({});
    await world.request.handle(await world.requireReview(residentId));
    await world.dispatcher.run();

    expect([smtp.received, gateway.requests]).toEqual([[], []]);
    expect((await world.state(residentId)).notifications.values().next().value).toMatchObject({ status: 'SKIPPED', skipReason: 'NO_CONTACT' });
  });

  it('texts a resident without e-mail; a gateway failing twice with 503 gets one message after two recorded failures', async () => {
    const { residentId } = await world.registerResident({ phone: '+6281234567890' });
    await world.request.handle(await world.acceptReferral(residentId));
    gateway.answer(503, 503, 200);

    await world.dispatcher.run();
    await world.dispatcher.run(); // not due yet: the back-off holds it
    world.clock.advance(TEST_RETRY.firstDelayMs);
    await world.dispatcher.run();
    world.clock.advance(2 * TEST_RETRY.firstDelayMs);
    await world.dispatcher.run();
    await world.dispatcher.run();

    expect(gateway.requests).toHaveLength(3);
    expect(gateway.accepted).toEqual([
      { to: '+6281234567890', channel: 'SMS', text: expect.stringContaining('rujukan PIP Anda diterima Dinas Pendidikan Kota Pasuruan. Rencana mulai 5 Januari 2026.') },
    ]);
    const outcomes = (await world.notificationEvents(residentId)).map((event) => [event.type, (event.data as { attempt?: number }).attempt]);
    expect(outcomes).toEqual([['NotificationRequested', undefined], ['NotificationFailed', 1], ['NotificationFailed', 2], ['NotificationSent', 3]]);
  });

  it('does not retry a message the gateway refuses with 400', async () => {
    const { residentId } = await world.registerResident({ phone: '+6281234567890' });
    await world.request.handle(await world.submitCase(residentId));
    gateway.answer(400);

    await world.dispatcher.run();
    world.clock.advance(60 * 60_000);
    await world.dispatcher.run();

    expect(gateway.requests).toHaveLength(1);
    expect((await world.state(residentId)).notifications.values().next().value).toMatchObject({ status: 'FAILED', attempts: 1, lastError: { code: 'REJECTED' } });
  });

  it('gives up after the last attempt when the gateway stays unavailable', async () => {
    const { residentId } = await world.registerResident({ phone: '+6281234567890' });
    await world.request.handle(await world.submitCase(residentId));
    gateway.answer(503);

    for (let round = 0; round < 5; round++) {
      await world.dispatcher.run();
      world.clock.advance(10 * 60_000);
    }

    expect(gateway.requests).toHaveLength(TEST_RETRY.maxAttempts);
    expect(gateway.accepted).toEqual([]);
    expect((await world.notificationEvents(residentId)).map((event) => event.type).slice(-2)).toEqual(['NotificationFailed', 'NotificationGaveUp']);
  });

  it('lets a restarted dispatcher send what is still pending, once, whatever the old one still remembers', async () => {
    const { residentId } = await world.registerResident({ email: 'siti.aminah@example.id' });
    const before = world.dispatcher;
    await before.run(); // the old process had caught up on the store before the moment came
    await world.request.handle(await world.submitCase(residentId));

    const after = world.restart();
    await after.run();
    await after.run();
    await before.run();

    expect(smtp.received).toHaveLength(1);
    expect((await world.notificationEvents(residentId)).map((event) => event.type)).toEqual(['NotificationRequested', 'NotificationSent']);
  });
});
