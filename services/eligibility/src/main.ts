/**
 * The eligibility service (distributed mode): the eligibility context over HTTP, its consumer of
 * `lastri.intake.events` on Kafka (group `<prefix>.eligibility`, dead letters to
 * `lastri.eligibility.dlq`), and the relay that publishes the `eligibility-` streams to
 * `lastri.eligibility.events`.
 */
import 'reflect-metadata';

import { ELIGIBILITY_CONSUMER, EligibilityModule } from '@lastri/eligibility';
import { loadConfigOrExit, runConsumerService } from '@lastri/service-host';
import { Logger } from '@nestjs/common';

import { loadEligibilityServiceConfig } from './config';

const config = loadConfigOrExit(() => loadEligibilityServiceConfig(process.env), new Logger('eligibility'), 'The eligibility service');
void runConsumerService({
  context: 'eligibility',
  contextModule: EligibilityModule.forRoot(),
  consumers: [ELIGIBILITY_CONSUMER],
  config,
  saying: [`Consuming lastri.intake.events and relaying eligibility events through Kafka at ${config.kafkaBrokers.join(',')}`],
});
