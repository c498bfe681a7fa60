import type { MessageTemplate } from './message-template';
import { agencyName, CLOSING, longDate, programmeName, programmeShortName, SMS_SENDER } from './words';

export interface ReferralAcceptedParameters {
  readonly name: string;
  readonly programme: string;
  readonly agencyId: string;
  readonly expectedStartOn?: string;
}

export const referralAccepted: MessageTemplate<ReferralAcceptedParameters> = {
  id: 'referral-accepted',
  email: ({ name, programme, agencyId, expectedStartOn }) => ({
    subject: `${programmeName(programme)}: rujukan Anda diterima`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `${agencyName(agencyId)} sudah menerima rujukan Anda untuk ${programmeName(programme)}.`,
      expectedStartOn
        ? `Layanan direncanakan mulai tanggal ${longDate(expectedStartOn)}. Lembaga tersebut akan menghubungi Anda.`
        : 'Lembaga tersebut akan menghubungi Anda tentang kapan layanan dimulai.',
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, programme, agencyId, expectedStartOn }) =>
    `${SMS_SENDER}: Yth. ${name}, rujukan ${programmeShortName(programme)} Anda diterima ${agencyName(agencyId)}.${expectedStartOn ? ` Rencana mulai ${longDate(expectedStartOn)}.` : ''} Lembaga akan menghubungi Anda.`,
};
