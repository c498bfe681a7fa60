/**
 * E-mail by SMTP through nodemailer, configured by a URL (`smtp://host:port`, `smtps://user:pass@host`).
 * An SMTP 4xx answer or a connection that fails is temporary (tried again); a 5xx answer
 * (mailbox unknown, message refused) is permanent.
 */
import { createTransport, type Transporter } from 'nodemailer';

import type { ChannelSender, OutgoingMessage, SendResult } from '../application/channels';

export interface SmtpEmailOptions {
  readonly url: string;
  /** The From header, e.g. `"Dinas Sosial Kota Pasuruan" <noreply@dinsos.pasuruankota.go.id>`. */
  readonly from: string;
}

/** Cap each SMTP exchange so a dead server costs one failed attempt, not a stuck dispatcher. */
const TIMEOUT_MS = 15_000;

export class SmtpEmailChannel implements ChannelSender {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpEmailOptions) {
    const url = new URL(options.url);
    this.transport = createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!message.recipient.email) return { ok: false, retryable: false, errorCode: 'INVALID_RECIPIENT', errorMessage: 'No e-mail address.' };
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: { name: message.recipient.name, address: message.recipient.email },
        subject: message.subject ?? '',
        text: message.text,
        headers: { 'X-Lastri-Notification-Id': message.notificationId },
      });
      return { ok: true, ...(info.messageId ? { providerMessageId: String(info.messageId).slice(0, 200) } : {}) };
    } catch (error) {
      const { responseCode, code, message: text } = error as { responseCode?: number; code?: string; message: string };
      if (responseCode !== undefined && responseCode >= 500) return { ok: false, retryable: false, errorCode: `SMTP_${responseCode}`, errorMessage: text };
      return { ok: false, retryable: true, errorCode: responseCode !== undefined ? `SMTP_${responseCode}` : (code ?? 'SMTP_UNAVAILABLE'), errorMessage: text };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
