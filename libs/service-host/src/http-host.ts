/**
 * What the host adds around the context's routes, the same for every context: correlation ids,
 * one JSON log line per request, security and cache headers, a rate limit, bounded JSON bodies
 * (checked before validation), RFC 9457 problem details for every error, and the OpenAPI
 * document at /docs (and /docs-json).
 */
import { type Env } from '@lastri/auth';
import { type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';

import { assignCorrelationIds } from './http/correlation-id';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { rateLimitGuard, readRateLimitPerMinute } from './http/rate-limit';
import { boundedJsonBodies, requireJsonBodies } from './http/request-limits';
import { createLogger, nestLogger, requestLogging } from './http/request-logging';
import { securityHeaders } from './http/security-headers';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown';

export { BODY_LIMIT } from './http/request-limits';

export interface HttpHostOptions {
  /** Defaults to RATE_LIMIT_PER_MINUTE, or its default. */
  rateLimitPerMinute?: number;
  /** Defaults to LOG_LEVEL, or `info`. */
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them. */
  logDestination?: DestinationStream;
}

export function configureHttpHost(app: NestExpressApplication, title: string, options: HttpHostOptions = {}, env: Env = process.env): void {
  const logger = createLogger(options.logLevel ?? env.LOG_LEVEL?.trim() ?? 'info', options.logDestination);
  app.useLogger(nestLogger(logger));
  app.disable('x-powered-by');
  app.use(assignCorrelationIds());
  app.use(requestLogging(logger));
  app.use(...securityHeaders());
  app.use(requireJsonBodies());
  app.use(boundedJsonBodies());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalGuards(rateLimitGuard(options.rateLimitPerMinute ?? readRateLimitPerMinute(env)));
  stopGracefullyOnSignals(app);
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
