/**
 * SMS and WhatsApp through the city's HTTP message gateway: POST `{to, channel, text}` as JSON.
 * 2xx sent (a JSON `{id}` in the answer is kept as the provider's message id); 429 and 5xx, or no
 * answer, temporary (tried again); any other 4xx permanent (the gateway refused the message).
 */
import type { ChannelSender, OutgoingMessage, SendResult } from '../application/channels';

export interface HttpGatewayOptions {
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token?: string;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class HttpGatewayChannel implements ChannelSender {
  constructor(private readonly options: HttpGatewayOptions) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!message.recipient.phone) return { ok: false, retryable: false, errorCode: 'INVALID_RECIPIENT', errorMessage: 'No phone number.' };
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.notificationId,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.recipient.phone, channel: message.channel, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, retryable: true, errorCode: 'PROVIDER_UNAVAILABLE', errorMessage: (error as Error).message };
    }
    const body = await response.text().catch(() => '');
    if (response.ok) {
      const id = providerId(body);
      return { ok: true, ...(id ? { providerMessageId: id } : {}) };
    }
    const detail = `HTTP ${response.status} from the message gateway${body ? `: ${body.slice(0, 500)}` : ''}`;
    if (response.status === 429) return { ok: false, retryable: true, errorCode: 'RATE_LIMITED', errorMessage: detail };
    if (response.status >= 500) return { ok: false, retryable: true, errorCode: 'PROVIDER_UNAVAILABLE', errorMessage: detail };
    return { ok: false, retryable: false, errorCode: 'REJECTED', errorMessage: detail };
  }
}

function providerId(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' && id.length > 0 ? id.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
