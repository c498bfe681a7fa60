/**
 * Which methods the app answers on a path. Express answers a known path with an unknown method
 * as if the path did not exist (404); RFC 9110 §15.5.6 wants 405 with an `Allow` header, which
 * tells a client it got the method wrong rather than the address.
 */
interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

export interface RequestWithApp {
  path?: string;
  app?: { router?: { stack?: RouteLayer[] } };
}

/** Upper-case methods of the routes that match the request's path; empty when none does. */
export function allowedMethods(request: RequestWithApp): string[] {
  const stack = request.app?.router?.stack;
  const path = request.path;
  if (!stack || path === undefined) return [];
  const allowed = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(path)) continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (method !== '_all') allowed.add(method.toUpperCase());
    }
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort();
}
