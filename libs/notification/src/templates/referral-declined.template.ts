import type { MessageTemplate } from './message-template';
import { agencyName, CLOSING, programmeName, programmeShortName, SMS_SENDER } from './words';

export interface ReferralDeclinedParameters {
  readonly name: string;
  readonly programme: string;
  readonly agencyId: string;
  /** The agency's reason, as it wrote it. */
  readonly reason: string;
}

export const referralDeclined: MessageTemplate<ReferralDeclinedParameters> = {
  id: 'referral-declined',
  email: ({ name, programme, agencyId, reason }) => ({
    subject: `${programmeName(programme)}: rujukan Anda belum dapat dilayani`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `${agencyName(agencyId)} belum dapat melayani rujukan Anda untuk ${programmeName(programme)}.`,
      `Alasan dari lembaga: ${reason}`,
      'Petugas Dinas Sosial akan mencarikan lembaga lain bila memungkinkan dan mengabari Anda.',
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, programme, agencyId, reason }) =>
    `${SMS_SENDER}: Yth. ${name}, rujukan ${programmeShortName(programme)} Anda belum dapat dilayani ${agencyName(agencyId)}. Alasan: ${reason} Petugas akan mengabari Anda.`,
};
