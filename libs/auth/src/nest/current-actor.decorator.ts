import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../actor/actor';
import { actorOfRequest } from './request-actor';

/** Injects the authenticated Actor: `handle(@CurrentActor() actor: Actor)`. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = actorOfRequest(context.switchToHttp().getRequest<object>());
    if (actor === undefined) {
      // Only reachable on a @Public route: a programming error, so a 500 rather than a 401.
      throw new Error(
        '@CurrentActor() used on a route without an authenticated actor (is it @Public()?).',
      );
    }
    return actor;
  },
);
