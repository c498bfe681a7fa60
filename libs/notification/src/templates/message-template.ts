/** A message in Bahasa Indonesia for one moment: an e-mail (subject and body) and a short SMS/WhatsApp text. */
export interface RenderedMessage {
  readonly template: string;
  readonly subject: string;
  readonly body: string;
  readonly sms: string;
}

export interface MessageTemplate<Parameters> {
  /** Recorded on the notification, e.g. case-received. */
  readonly id: string;
  readonly email: (parameters: Parameters) => { readonly subject: string; readonly body: string };
  readonly sms: (parameters: Parameters) => string;
}

export function render<Parameters>(template: MessageTemplate<Parameters>, parameters: Parameters): RenderedMessage {
  return { template: template.id, ...template.email(parameters), sms: template.sms(parameters) };
}
