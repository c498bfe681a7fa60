/**
 * What a notification command or query can run into, as values: `kind` says whether something is
 * missing (404; a resident outside the caseworker's kelurahan is missing too) or the state does
 * not allow the step (409); `type` is stable for clients; `message` is Bahasa Indonesia.
 */
import type { NotificationStatus } from './notification.state';

export type NotificationErrorKind = 'not-found' | 'conflict' | 'invalid';

interface Refusal<Type extends string, Kind extends NotificationErrorKind> {
  readonly type: Type;
  readonly kind: Kind;
  readonly message: string;
}

export type NotificationNotFound = Refusal<'NotificationNotFound', 'not-found'> & { readonly notificationId: string };
export type NotificationNotPending = Refusal<'NotificationNotPending', 'conflict'> & {
  readonly notificationId: string;
  readonly status: NotificationStatus;
};
export type AttemptOutOfOrder = Refusal<'AttemptOutOfOrder', 'conflict'> & {
  readonly notificationId: string;
  readonly attempt: number;
  readonly expected: number;
};
export type ResidentNotFound = Refusal<'ResidentNotFound', 'not-found'> & { readonly residentId: string };

export type NotificationError = NotificationNotFound | NotificationNotPending | AttemptOutOfOrder | ResidentNotFound;

const ERROR_TYPES: ReadonlySet<string> = new Set<NotificationError['type']>([
  'NotificationNotFound',
  'NotificationNotPending',
  'AttemptOutOfOrder',
  'ResidentNotFound',
]);

export function isNotificationError(value: unknown): value is NotificationError {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ERROR_TYPES.has((value as { type?: string }).type ?? '');
}

const STATUS_WORDS: Record<NotificationStatus, string> = {
  PENDING: 'menunggu dikirim',
  SENT: 'sudah terkirim',
  FAILED: 'gagal dikirim',
  GAVE_UP: 'tidak lagi dicoba',
  SKIPPED: 'tidak dikirim',
};

export const refuse = {
  notificationNotFound: (notificationId: string): NotificationNotFound => ({
    type: 'NotificationNotFound',
    kind: 'not-found',
    notificationId,
    message: `Pemberitahuan ${notificationId} tidak ditemukan.`,
  }),
  notificationNotPending: (notificationId: string, status: NotificationStatus): NotificationNotPending => ({
    type: 'NotificationNotPending',
    kind: 'conflict',
    notificationId,
    status,
    message: `Pemberitahuan ${notificationId} ${STATUS_WORDS[status]}: tidak ada yang perlu dikirim lagi.`,
  }),
  attemptOutOfOrder: (notificationId: string, attempt: number, expected: number): AttemptOutOfOrder => ({
    type: 'AttemptOutOfOrder',
    kind: 'conflict',
    notificationId,
    attempt,
    expected,
    message: `Percobaan ke-${attempt} pemberitahuan ${notificationId} tidak berurutan (seharusnya ke-${expected}).`,
  }),
  residentNotFound: (residentId: string): ResidentNotFound => ({
    type: 'ResidentNotFound',
    kind: 'not-found',
    residentId,
    message: `Warga ${residentId} tidak ditemukan.`,
  }),
};
