/**
 * The referral service (distributed mode): the referral context over HTTP (caseworkers,
 * supervisors, partner agencies), its consumer of `lastri.eligibility.events` and
 * `lastri.intake.events` on Kafka (group `<prefix>.referral`, dead letters to
 * `lastri.referral.dlq`), its deadline scheduler, and the relay that publishes the `referral-`
 * streams to `lastri.referral.events`.
 */
import 'reflect-metadata';

import { REFERRAL_CONSUMER, ReferralModule } from '@lastri/referral';
import { loadConfigOrExit, runConsumerService } from '@lastri/service-host';
import { Logger } from '@nestjs/common';

import { loadReferralServiceConfig } from './config';

const config = loadConfigOrExit(() => loadReferralServiceConfig(process.env), new Logger('referral'), 'The referral service');
void runConsumerService({
  context: 'referral',
  contextModule: ReferralModule.forRoot(),
  consumers: [REFERRAL_CONSUMER],
  config,
  saying: [`Consuming lastri.eligibility.events and lastri.intake.events, relaying referral events through Kafka at ${config.kafkaBrokers.join(',')}`],
});
