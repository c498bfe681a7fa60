/**
 * The host's last word on every error of an HTTP request, whatever threw it: a ProblemException
 * from a context, a Nest HttpException (guards, pipes, unknown routes, the rate limiter), or
 * anything else, which becomes a 500 that says nothing about the inside and is logged with its
 * stack. Only 5xx are logged here: a 4xx is the client's affair and the request log line records it.
 */
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import { allowedMethods, type RequestWithApp } from './allowed-methods';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemBody, type Problem } from './problem';

interface ExpressResponseLike {
  headersSent: boolean;
  status(code: number): this;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

interface ExpressRequestLike extends RequestWithApp {
  method: string;
  originalUrl?: string;
  url: string;
}

/** Details for statuses a framework raises with an English message no resident should read. */
const GENERIC: Record<number, { code: string; detail: string }> = {
  400: { code: 'InvalidRequest', detail: 'Permintaan tidak dapat dibaca.' },
  401: { code: 'Unauthenticated', detail: 'Kirim token bearer yang sah: "Authorization: Bearer <token>".' },
  403: { code: 'Forbidden', detail: 'Anda tidak berwenang untuk tindakan ini.' },
  404: { code: 'NotFound', detail: 'Sumber daya yang diminta tidak ada.' },
  405: { code: 'MethodNotAllowed', detail: 'Metode ini tidak didukung untuk alamat ini.' },
  413: { code: 'BodyTooLarge', detail: 'Isi permintaan melebihi batas ukuran.' },
  415: { code: 'UnsupportedMediaType', detail: 'Isi permintaan harus berupa JSON (Content-Type: application/json).' },
  429: { code: 'TooManyRequests', detail: 'Terlalu banyak permintaan dari Anda; coba lagi sebentar lagi.' },
  500: { code: 'InternalError', detail: 'Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi petugas.' },
  503: { code: 'ServiceUnavailable', detail: 'Layanan sedang tidak tersedia; coba lagi sebentar lagi.' },
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    // A hybrid app's event handlers inherit global filters: leave their errors to the transport.
    if (host.getType() !== 'http') return undefined;
    const http = host.switchToHttp();
    const response = http.getResponse<ExpressResponseLike>();
    const problem = problemOf(exception, http.getRequest<ExpressRequestLike>());
    if (problem.status >= 500) {
      this.logger.error(
        `${(exception as Error)?.name ?? 'Error'}: ${(exception as Error)?.message ?? String(exception)}`,
        (exception as Error)?.stack,
      );
    }
    if (response.headersSent) return undefined;
    if (isHealthReport(exception)) {
      // Readiness probes and operators read terminus' own report (what is down), not a problem.
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.status(exception.getStatus()).end(JSON.stringify(exception.getResponse()));
      return undefined;
    }
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.status(problem.status).end(JSON.stringify(problemBody(problem)));
    return undefined;
  }
}

function isHealthReport(exception: unknown): exception is HttpException {
  if (!(exception instanceof HttpException)) return false;
  const body = exception.getResponse() as { status?: unknown; details?: unknown };
  return typeof body === 'object' && body !== null && body.status === 'error' && typeof body.details === 'object';
}

export function problemOf(exception: unknown, request?: ExpressRequestLike): Problem {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  const status = statusOfMiddlewareError(exception);
  if (status !== undefined) return { status, ...(GENERIC[status] ?? GENERIC[400]) };
  return { status: 500, ...GENERIC[500] };
}

/** Our own guards throw `{ code, message }` written for the reader; Nest's own messages are English. */
function fromHttpException(exception: HttpException, request?: ExpressRequestLike): Problem {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const generic = GENERIC[status] ?? (status >= 500 ? GENERIC[500] : GENERIC[400]);
  if (isOwnProblem(response)) {
    const { code, message, errors, ...extensions } = response;
    return { status, code, detail: message, errors: Array.isArray(errors) ? errors : [], extensions };
  }
  if (status === 404 && request && /^Cannot [A-Z]+ /.test(messageOf(response))) {
    const allowed = allowedMethods(request);
    if (allowed.length > 0) {
      return {
        status: 405,
        code: 'MethodNotAllowed',
        detail: `Alamat ${pathOf(request)} tidak menerima ${request.method}; gunakan ${allowed.join(', ')}.`,
        headers: { Allow: allowed.join(', ') },
      };
    }
    return { status, code: 'RouteNotFound', detail: `Tidak ada alamat ${request.method} ${pathOf(request)} pada API ini.` };
  }
  return { status, ...generic };
}

function isOwnProblem(response: unknown): response is { code: string; message: string; errors?: unknown } {
  const value = response as { code?: unknown; message?: unknown } | null;
  return typeof value === 'object' && value !== null && typeof value.code === 'string' && typeof value.message === 'string';
}

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : '';
}

function pathOf(request: ExpressRequestLike): string {
  return (request.originalUrl ?? request.url).split('?')[0];
}

/** body-parser and express raise plain errors carrying a 4xx `status` (413, 415, 400). */
function statusOfMiddlewareError(exception: unknown): number | undefined {
  const status = (exception as { status?: unknown; statusCode?: unknown } | null)?.status ?? (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
