/**
 * A partner's endpoint for tests: a real HTTP server on 127.0.0.1 that records what it received
 * and answers as scripted (a status and headers per request, in order, then the last one).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private script: ScriptedAnswer[] = [{ status: 200 }];
  private served = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(path = '/lastri/webhooks'): Promise<WebhookReceiver> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => receiver.answer(request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    return receiver;
  }

  /** Answers in this order; the last answer repeats. */
  answers(...script: ScriptedAnswer[]): this {
    this.script = script;
    this.served = 0;
    return this;
  }

  /** The accepted deliveries' bodies, parsed. */
  accepted(): { type: string; timestamp: string; data: Record<string, unknown> }[] {
    return this.received.filter((received) => received.status < 300).map((received) => JSON.parse(received.body));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(headers: IncomingHttpHeaders, body: string, response: import('node:http').ServerResponse): void {
    const answer = this.script[Math.min(this.served++, this.script.length - 1)];
    this.received.push({ headers, body, status: answer.status });
    response.writeHead(answer.status, answer.headers ?? {});
    response.end();
  }
}
