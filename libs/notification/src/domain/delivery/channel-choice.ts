/**
 * Whether and how a resident is told: only on an active basis covering RESIDENT_NOTIFICATIONS,
 * over the channel they asked for, else e-mail when intake holds an address, else SMS (then
 * WhatsApp) to their phone — among the channels this deployment has configured. No channel, no
 * message: the reason is recorded instead.
 */
import type { Channel, ChannelPreference, Recipient, SkipReason } from '../notification.events';

export interface ResidentContact {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  /** An active consent or legal basis covers RESIDENT_NOTIFICATIONS. */
  readonly notificationsAllowed: boolean;
}

export type ChannelChoice =
  | { readonly kind: 'channel'; readonly channel: Channel; readonly recipient: Recipient }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly detail: string };

const DEFAULT_ORDER: readonly Channel[] = ['EMAIL', 'SMS', 'WHATSAPP'];

const CHANNEL_WORDS: Record<Channel, string> = { EMAIL: 'e-mail', SMS: 'SMS', WHATSAPP: 'WhatsApp' };

export function chooseChannel(
  contact: ResidentContact | undefined,
  preference: ChannelPreference | undefined,
  configured: readonly Channel[],
): ChannelChoice {
  if (!contact) return skip('RESIDENT_UNKNOWN', 'Data warga tidak ditemukan di pendaftaran.');
  if (!contact.notificationsAllowed) {
    return skip('NO_CONSENT', 'Tidak ada persetujuan atau dasar hukum yang berlaku untuk pemberitahuan kepada warga.');
  }
  if (preference === 'NONE') return skip('PREFERENCE_NONE', 'Warga memilih tidak menerima pemberitahuan.');
  const wanted = preference ? [preference] : DEFAULT_ORDER.filter((channel) => reachable(contact, channel));
  if (wanted.length === 0 || !reachable(contact, wanted[0])) {
    return skip('NO_CONTACT', preference ? `Warga memilih ${CHANNEL_WORDS[preference]}, tetapi alamatnya tidak tercatat.` : 'Tidak ada e-mail maupun nomor telepon warga yang tercatat.');
  }
  const channel = wanted.find((candidate) => configured.includes(candidate));
  if (!channel) {
    return skip('CHANNEL_UNAVAILABLE', `Saluran ${wanted.map((candidate) => CHANNEL_WORDS[candidate]).join(' / ')} belum tersedia.`);
  }
  const recipient: Recipient = channel === 'EMAIL' ? { name: contact.name, email: contact.email } : { name: contact.name, phone: contact.phone };
  return { kind: 'channel', channel, recipient };
}

function reachable(contact: ResidentContact, channel: Channel): boolean {
  return channel === 'EMAIL' ? contact.email !== undefined : contact.phone !== undefined;
}

function skip(reason: SkipReason, detail: string): ChannelChoice {
  return { kind: 'skip', reason, detail };
}
