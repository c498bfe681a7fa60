import type { Actor } from '../actor/actor';

/**
 * The actor of each authenticated request, kept beside the request object rather than on it so
 * that nothing else (a body parser, a careless middleware) can write a forged one.
 */
const actors = new WeakMap<object, Actor>();

export function attachActor(request: object, actor: Actor): void {
  actors.set(request, actor);
}

/** The request's authenticated actor, or undefined on a @Public route. */
export function actorOfRequest(request: object): Actor | undefined {
  return actors.get(request);
}
