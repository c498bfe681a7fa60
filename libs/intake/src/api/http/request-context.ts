/**
 * What every command request carries besides its body: the actor (from the token), the
 * correlation id (the host's, from X-Correlation-Id or new), a fresh command id, and the stream
 * version the client last saw (If-Match, as the ETag we sent: `"7"`).
 */
import { actorOfRequest } from '@lastri/auth';
import { newId } from '@lastri/kernel';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

import type { CommandContext } from '../../application/support/command-context';
import { badRequest, correlationIdOf } from '@lastri/service-host';

const ETAG = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
}
/** The response, as far as setting headers goes. */
export interface HeaderSink {
  setHeader(name: string, value: string): void;
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

export type RequestCommandContext = Omit<CommandContext, 'staffRole'>;

/** `@CommandRequest() context`: the CommandContext of this request, less the staff role in the body. */
export const CommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext): RequestCommandContext => {
  const request = context.switchToHttp().getRequest<HttpRequestLike>();
  const actor = actorOfRequest(request);
  if (!actor) throw new Error('@CommandRequest() on a route without an authenticated actor.');
  const expectedVersion = parseIfMatch(single(request.headers['if-match']));
  return {
    actor,
    correlationId: correlationIdOf(request) ?? newId(),
    commandId: newId(),
    ...(expectedVersion !== undefined && { expectedVersion }),
  };
});

/** `*` asks only that the resource exists, which every command checks anyway. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = ETAG.exec(header.trim());
  if (!match) {
    throw badRequest([
      { field: 'If-Match', rule: 'header', message: 'harus ETag yang dikirim sebelumnya, mis. "3"' },
    ]);
  }
  return Number(match[1] ?? match[2]);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** ETag (the stream version) and, for a new resource, its Location. */
export function describeResult(response: HeaderSink, headers: { version: number; location?: string }): void {
  response.setHeader('ETag', etagOf(headers.version));
  if (headers.location) response.setHeader('Location', headers.location);
}
