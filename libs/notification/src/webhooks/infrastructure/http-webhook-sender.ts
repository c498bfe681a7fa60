/**
 * Posts one webhook: node's own HTTP client with kept-alive connections, a timeout, and a DNS
 * lookup that refuses non-public addresses at connection time (webhook-target.ts). Nothing but
 * the status and Retry-After is read from the answer: a partner's body is not LASTRI's business.
 */
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { retryAfterMs, type AttemptResult } from '../domain/deliveries';
import { resolvePublicTarget, TargetRefusedError, type TargetRules } from './webhook-target';

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebhookSender {
  send(request: WebhookRequest, now: Date): Promise<AttemptResult>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export class HttpWebhookSender implements WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly rules: TargetRules, private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {}

  async send(request: WebhookRequest, now: Date): Promise<AttemptResult> {
    let addresses: LookupAddress[];
    try {
      addresses = await resolvePublicTarget(request.url, this.rules);
    } catch (error) {
      if (error instanceof TargetRefusedError) return { kind: 'refused', error: `target refused: ${error.message}` };
      throw error;
    }
    // Connect to the address just checked, never to a second DNS answer.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      const chosen = addresses[0];
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, chosen.address, chosen.family);
    };
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<AttemptResult>((resolve) => {
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body).toString(), 'user-agent': 'LASTRI-Webhooks/1' },
          agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
          lookup,
          timeout: this.timeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            const retryAfter = retryAfterMs(response.headers['retry-after'], now);
            resolve({ kind: 'answered', statusCode: response.statusCode ?? 0, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) });
          });
          response.on('error', (error) => resolve({ kind: 'no-answer', error: error.message || 'response error' }));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      outgoing.on('error', (error) => resolve({ kind: 'no-answer', error: (error.message || error.name).slice(0, 1000) }));
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
