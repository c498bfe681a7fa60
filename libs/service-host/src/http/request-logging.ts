/**
 * JSON logs (pino), one line per request: method, route, status, duration, correlation id and
 * actor id, and nothing else: no body, no headers, no query string, so no NIK, name or token
 * reaches the log. 5xx lines are errors, 4xx warnings without a stack. LOG_LEVEL sets the level
 * (default info; `silent` in tests).
 */
import { actorId, actorOfRequest } from '@lastri/auth';
import type { IncomingMessage } from 'node:http';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Middleware as RequestHandler } from './express-like';

import { correlationIdOf } from './correlation-id';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? pino.destination(1));
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (request) => correlationIdOf(request) ?? '',
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    customLogLevel: (_request, response, error) =>
      response.statusCode >= 500 || (error && response.statusCode < 400) ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    // Evaluated again when the response ends, by which time the guard has named the actor.
    customProps: (request) => {
      const actorId = actorIdOf(request);
      return actorId ? { actorId } : {};
    },
    serializers: {
      req: (request: { method: string; url: string; raw?: IncomingMessage }) => ({ method: request.method, route: routeOf(request.raw ?? request) }),
      res: (response: { statusCode: number }) => ({ status: response.statusCode }),
      // The stack of a 5xx is logged once by the exception filter; the request line stays short.
      err: (error: Error) => ({ type: error?.name }),
    },
    wrapSerializers: false,
  }) as unknown as RequestHandler;
}

/** Nest's own messages (start-up, 5xx stacks) through the same JSON logger. */
export function nestLogger(logger: Logger): NestPinoLogger {
  return new NestPinoLogger(new PinoLogger({ pinoHttp: { logger } }), {});
}

/** The matched route pattern (`/residents/:residentId`) when known; else the path without its query. */
function routeOf(request: IncomingMessage | { url: string }): string {
  const route = (request as { route?: { path?: unknown } }).route?.path;
  const base = (request as { baseUrl?: string }).baseUrl ?? '';
  if (typeof route === 'string') return `${base}${route}`;
  const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '';
  return url.split('?')[0];
}

function actorIdOf(request: object): string | undefined {
  const actor = actorOfRequest(request);
  return actor ? actorId(actor) : undefined;
}
