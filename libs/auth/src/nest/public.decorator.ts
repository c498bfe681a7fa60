import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'lastri:auth:public';

/** Opts a route (or a whole controller) out of authentication: health checks, API docs. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
