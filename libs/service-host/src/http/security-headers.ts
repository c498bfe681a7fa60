/**
 * Response headers for an API that carries personal data: helmet's defaults (nosniff, no
 * framing, no X-Powered-By, a strict CSP) and `Cache-Control: no-store`, so no browser or proxy
 * keeps a resident's record. Swagger UI at /docs runs inline scripts and styles, so only there
 * the CSP allows them, and only there caching is allowed.
 */
import type { HttpRequest as Request, HttpResponse as Response, Middleware as RequestHandler, Next as NextFunction } from './express-like';
import helmet from 'helmet';

const DOCS = /^\/docs(?:[/.-]|$)/;

export function securityHeaders(): RequestHandler[] {
  const api = helmet({ frameguard: { action: 'deny' }, contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet({
    frameguard: { action: 'deny' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  return [
    (request: Request, response: Response, next: NextFunction) => {
      if (DOCS.test((request.originalUrl ?? request.url ?? '').split('?')[0])) return docs(request, response, next);
      response.setHeader('Cache-Control', 'no-store');
      return api(request, response, next);
    },
  ];
}
