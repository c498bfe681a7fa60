/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 with the secret's
 * bytes (base64 after `whsec_`) over `<webhook-id>.<webhook-timestamp>.<body>`, sent as
 * `v1,<base64>`; several space-separated while secrets rotate, so a receiver holding either the
 * old or the new secret verifies.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

export function drawWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function signature(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export function webhookHeaders(secrets: readonly string[], webhookId: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, webhookId, timestamp, body)).join(' '),
  };
}
