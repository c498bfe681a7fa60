/** The little of Express the host's middleware touches (the repo carries no @types/express). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HttpRequest = IncomingMessage & { body?: unknown; path?: string; originalUrl?: string };
export type HttpResponse = ServerResponse;
export type Next = (error?: unknown) => void;
export type Middleware = (request: HttpRequest, response: HttpResponse, next: Next) => void;
