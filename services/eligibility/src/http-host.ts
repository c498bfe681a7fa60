/**
 * What the host adds around the context's routes: a bounded JSON body, the OpenAPI document at
 * /docs (and /docs-json), and a public /health that also proves the event store answers.
 */
import { Public } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiExcludeController, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const BODY_LIMIT = '100kb';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; eventStore: 'ok' }> {
    try {
      await this.store.readStream('health-check', { limit: 1 });
    } catch (error) {
      throw new ServiceUnavailableException(`Event store unavailable: ${(error as Error).message}`);
    }
    return { status: 'ok', eventStore: 'ok' };
  }
}

export function configureHttpHost(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.enableShutdownHooks();
  const document = new DocumentBuilder()
    .setTitle('LASTRI eligibility API')
    .setDescription(
      'Determinations per case and programme with the rule-set version and reasons, manual reviews, overrides, republication of rules and re-runs for auditors. Bearer tokens: `npx lastri token --help`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), { jsonDocumentUrl: 'docs-json' });
}
