import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { HealthController } from './health.controller';
import { ReadinessProbes } from './readiness';

/**
 * `/health/live`, `/health/ready` and `/health`. Import it in the host's module; add the host's
 * background parts with `app.get(ReadinessProbes).add(…)` once they exist.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessProbes],
  exports: [ReadinessProbes],
})
export class HealthModule {}
