/**
 * X-Correlation-Id, the same rule in every context: a client may send one (printable ASCII
 * without spaces, at most 200 characters, what event metadata allows) or is given a new one; it is
 * echoed in the response, written on the request's log line, and stamped on the events it causes.
 */
import { randomUUID } from 'node:crypto';
import type { HttpRequest as Request, HttpResponse as Response, Middleware as RequestHandler, Next as NextFunction } from './express-like';

import { badRequest } from './problem';

export const CORRELATION_HEADER = 'X-Correlation-Id';
const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;
const correlationIds = new WeakMap<object, string>();

export function assignCorrelationIds(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const raw = request.headers[CORRELATION_HEADER.toLowerCase()];
    const given = Array.isArray(raw) ? raw[0] : raw;
    const correlationId = given !== undefined && CORRELATION_ID.test(given) ? given : randomUUID();
    correlationIds.set(request, correlationId);
    // Handlers that read the header see the id the response and the log carry.
    request.headers[CORRELATION_HEADER.toLowerCase()] = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    if (given !== undefined && given !== correlationId) {
      return next(badRequest([{ field: CORRELATION_HEADER, rule: 'header', message: 'harus 1–200 karakter ASCII tanpa spasi' }]));
    }
    return next();
  };
}

/** The request's correlation id, once the host's middleware has run. */
export function correlationIdOf(request: object): string | undefined {
  return correlationIds.get(request);
}
