import { UsageError } from '../cli-command';
import { parseTopicsArgs, topicsCommand } from './topics.command';

function captured() {
  const out: string[] = [];
  return {
    out,
    io: { env: {}, stdout: (text: string) => out.push(text), stderr: () => undefined },
  };
}

describe('lastri topics', () => {
  it('lists every context event topic, the dead-letter topic of each consumer and each agency\'s partner topic', async () => {
    const { out, io } = captured();
    await expect(topicsCommand.run(['list'], io)).resolves.toBe(0);
    expect(out.join('').trim().split('\n')).toEqual([
      'lastri.intake.events',
      'lastri.eligibility.events',
      'lastri.referral.events',
      'lastri.notification.events',
      'lastri.eligibility.dlq',
      'lastri.referral.dlq',
      'lastri.notification.dlq',
      'lastri.partner-delivery.dlq',
      'lastri.partner.dinas-pendidikan',
      'lastri.partner.dinas-kesehatan',
      'lastri.partner.disnaker',
      'lastri.partner.dispendukcapil',
      'lastri.partner.baznas',
      'lastri.partner.lksa',
      'lastri.partner.kemensos-upt',
    ]);
  });

  it('takes partitions, replication factor and consumers for the topics it creates', () => {
    const { topics } = parseTopicsArgs([
      'create',
      '--partitions',
      '12',
      '--replication-factor',
      '3',
      '--consumer',
      'notification',
    ]);
    expect(topics).toContainEqual({
      topic: 'lastri.notification.dlq',
      partitions: 12,
      replicationFactor: 3,
    });
    expect(topics).not.toContainEqual(expect.objectContaining({ topic: 'lastri.eligibility.dlq' }));
  });

  it.each([
    [['list', '--partitions', '0']],
    [['drop']],
    [['create', '--consumer', 'Not A Slug']],
    [[]],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parseTopicsArgs(argv)).toThrow(UsageError);
  });

  it('refuses to create without KAFKA_BROKERS', async () => {
    await expect(topicsCommand.run(['create'], captured().io)).rejects.toThrow(/KAFKA_BROKERS/);
  });
});
