/**
 * What the host adds around the context's routes: a bounded JSON body (a bigger one is answered
 * 413 before any handler runs), the OpenAPI document at /docs (and /docs-json), and a public
 * /health that also proves the event store answers.
 */
import { Public } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Controller, Get, Inject, ServiceUnavailableException, type INestApplication } from '@nestjs/common';
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

export function configureHttpHost(app: NestExpressApplication, title: string): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.enableShutdownHooks();
  publishApiDocs(app, title);
}

function publishApiDocs(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('LASTRI (Layanan Sosial Terintegrasi), Dinas Sosial Kota Pasuruan. Bearer tokens: `npx lastri token --help`.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
  });
}
