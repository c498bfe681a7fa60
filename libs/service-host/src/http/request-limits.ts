/**
 * What every request body passes before any validation or handler sees it: JSON only (415
 * otherwise), at most BODY_LIMIT bytes (413), valid UTF-8 (a broken byte is refused, not stored
 * as U+FFFD), nested at most MAX_JSON_DEPTH deep (deeper input overflowed the validator's stack),
 * and no `__proto__`, `constructor` or `prototype` key anywhere (refused by name, not silently
 * dropped).
 */
import type { HttpRequest as Request, HttpResponse as Response, Middleware as RequestHandler, Next as NextFunction } from './express-like';

import { ProblemException, badRequest } from './problem';

// express ships without types in this repo; this is the one function used from it.
const { json } = require('express') as {
  json(options: { limit: string; type: string[]; verify(request: Request, response: Response, buffer: Buffer): void }): RequestHandler;
};

export const BODY_LIMIT = '100kb';
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class RefusedBody extends Error {
  constructor(readonly refusal: ProblemException) {
    super(refusal.message);
  }
}

/** A request that carries a body must say it is JSON; one without a body needs no Content-Type. */
export function requireJsonBodies(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return next();
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return next();
    return next(
      new ProblemException({
        status: 415,
        code: 'UnsupportedMediaType',
        detail: `Isi permintaan harus berupa JSON (Content-Type: application/json), bukan ${type ? `"${type}"` : 'tanpa Content-Type'}.`,
      }),
    );
  };
}

/** express.json with the checks above; its own errors become problems in Bahasa Indonesia. */
export function boundedJsonBodies(): RequestHandler {
  const parse = json({
    limit: BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
    verify: (_request, _response, buffer) => {
      const refusal = utf8Refusal(buffer) ?? depthRefusal(buffer);
      if (refusal) throw new RefusedBody(refusal);
    },
  });
  // Named so: Nest then adds no JSON parser of its own after this one.
  return function jsonParser(request: Request, response: Response, next: NextFunction) {
    parse(request, response, (error?: unknown) => {
      if (error) return next(problemOfParserError(error));
      const key = forbiddenKeyIn(request.body, '');
      if (key) {
        return next(badRequest([{ field: key, rule: 'forbiddenKey', message: 'nama field ini tidak diizinkan' }]));
      }
      return next();
    });
  };
}

function problemOfParserError(error: unknown): unknown {
  if (error instanceof RefusedBody) return error.refusal;
  const { type } = error as { type?: string };
  if (type === 'entity.too.large') {
    return new ProblemException({ status: 413, code: 'BodyTooLarge', detail: `Isi permintaan melebihi batas ${BODY_LIMIT}.` });
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ProblemException({ status: 415, code: 'UnsupportedMediaType', detail: 'Isi permintaan harus JSON dalam UTF-8 tanpa kompresi.' });
  }
  if (type === 'entity.parse.failed') {
    return new ProblemException({ status: 400, code: 'MalformedJson', detail: 'Isi permintaan bukan JSON yang sah.' });
  }
  return error;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Refusal(buffer: Buffer): ProblemException | undefined {
  try {
    strictUtf8.decode(buffer);
    return undefined;
  } catch {
    return new ProblemException({ status: 400, code: 'InvalidEncoding', detail: 'Isi permintaan harus teks UTF-8 yang sah.' });
  }
}

/** Counts brackets outside strings, so depth is known before anything recurses into the value. */
function depthRefusal(buffer: Buffer): ProblemException | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < buffer.length; index++) {
    const byte = buffer[index];
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        return new ProblemException({
          status: 400,
          code: 'JsonTooDeep',
          detail: `Isi permintaan bersarang lebih dari ${MAX_JSON_DEPTH} tingkat.`,
        });
      }
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return undefined;
}

function forbiddenKeyIn(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = forbiddenKeyIn(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return field;
    const found = forbiddenKeyIn((value as Record<string, unknown>)[key], field);
    if (found) return found;
  }
  return undefined;
}
