/**
 * A local HTTP server standing in for the SMS/WhatsApp gateway: it answers each POST with the next
 * status of its script (then the last one, repeated) and keeps every request body it got.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  readonly to: string;
  readonly channel: string;
  readonly text: string;
}

export interface SmsGatewayTestServer {
  readonly url: string;
  /** Every request, in order, whatever it was answered. */
  readonly requests: GatewayRequest[];
  /** The requests answered 2xx: the messages the gateway took. */
  readonly accepted: GatewayRequest[];
  /** The statuses of the next answers; the last one stays. */
  answer(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startSmsGatewayTestServer(): Promise<SmsGatewayTestServer> {
  const requests: GatewayRequest[] = [];
  const accepted: GatewayRequest[] = [];
  let script = [200];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GatewayRequest;
      requests.push(body);
      const status = script.length > 1 ? (script.shift() as number) : script[0];
      if (status >= 200 && status < 300) accepted.push(body);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status < 300 ? { id: `gw-${requests.length}` } : { error: 'scripted' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    requests,
    accepted,
    answer: (...statuses) => {
      script = statuses;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
