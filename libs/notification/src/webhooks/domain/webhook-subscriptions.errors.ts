export type WebhookErrorKind = 'not-found' | 'conflict' | 'invalid' | 'forbidden';

export interface WebhookError {
  readonly type:
    | 'AgencyNotFound'
    | 'SubscriptionNotFound'
    | 'EventTypeUnknown'
    | 'EndpointNotAllowed'
    | 'AlreadyDisabled'
    | 'AlreadyEnabled'
    | 'DeliveryNotFound'
    | 'DeliveryNotDead'
    | 'ReplayWindowInvalid'
    | 'EventContractViolation';
  readonly kind: WebhookErrorKind;
  readonly message: string;
}

export const refuse = {
  agencyNotFound: (agencyId: string): WebhookError => ({
    type: 'AgencyNotFound', kind: 'not-found', message: `Instansi mitra ${agencyId} tidak dikenal.`,
  }),
  subscriptionNotFound: (subscriptionId: string): WebhookError => ({
    type: 'SubscriptionNotFound', kind: 'not-found', message: `Langganan webhook ${subscriptionId} tidak ditemukan.`,
  }),
  eventTypeUnknown: (type: string): WebhookError => ({
    type: 'EventTypeUnknown', kind: 'invalid', message: `Jenis peristiwa ${type} tidak dapat dilanggan.`,
  }),
  endpointNotAllowed: (reason: string): WebhookError => ({
    type: 'EndpointNotAllowed', kind: 'invalid', message: `Alamat webhook tidak diizinkan: ${reason}.`,
  }),
  alreadyDisabled: (subscriptionId: string): WebhookError => ({
    type: 'AlreadyDisabled', kind: 'conflict', message: `Langganan webhook ${subscriptionId} sudah nonaktif.`,
  }),
  alreadyEnabled: (subscriptionId: string): WebhookError => ({
    type: 'AlreadyEnabled', kind: 'conflict', message: `Langganan webhook ${subscriptionId} sudah aktif.`,
  }),
  deliveryNotFound: (deliveryId: string): WebhookError => ({
    type: 'DeliveryNotFound', kind: 'not-found', message: `Pengiriman webhook ${deliveryId} tidak ditemukan.`,
  }),
  deliveryNotDead: (deliveryId: string): WebhookError => ({
    type: 'DeliveryNotDead', kind: 'conflict', message: `Pengiriman webhook ${deliveryId} tidak dalam antrean gagal.`,
  }),
  replayWindowInvalid: (): WebhookError => ({
    type: 'ReplayWindowInvalid', kind: 'invalid', message: 'Rentang waktu pengiriman ulang tidak valid: "from" harus sebelum "to".',
  }),
  eventContractViolation: (eventType: string): WebhookError => ({
    type: 'EventContractViolation', kind: 'invalid', message: `Peristiwa ${eventType} tidak sesuai kontraknya.`,
  }),
};

export function isWebhookError(value: unknown): value is WebhookError {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && 'type' in value && !Array.isArray(value);
}
