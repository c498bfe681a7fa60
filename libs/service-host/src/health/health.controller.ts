/**
 * Public health endpoints (no token): `/health/live` answers while the process serves HTTP;
 * `/health/ready` (and `/health`, kept for existing callers) also needs the event store to answer
 * and every background part (relay, Kafka consumer, embedded subscriptions) to be running, and
 * is 503 with terminus' body naming what is down otherwise.
 */
import { Public } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

import { ReadinessProbes, type ReadinessProbe } from './readiness';

const STORE_TIMEOUT_MS = 3_000;

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: ReadinessProbes,
    private readonly modules: ModuleRef,
  ) {}

  @Public()
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  @Public()
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.eventStore(),
      ...this.probes.all().map((probe) => () => this.probe(probe)),
    ]);
  }

  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  summary(): Promise<HealthCheckResult> {
    return this.ready();
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('eventStore');
    try {
      // The host's store, wherever its module is: this controller belongs to HealthModule.
      const store = this.modules.get<EventStore>(EVENT_STORE, { strict: false });
      await withTimeout(store.readStream('health-check', { limit: 1 }), STORE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private probe(probe: ReadinessProbe): HealthIndicatorResult {
    const indicator = this.indicators.check(probe.readinessName);
    const { ready, detail } = probe.readiness();
    return ready ? indicator.up({ detail }) : indicator.down({ detail });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
