import type { MessageTemplate } from './message-template';
import { agencyName, CLOSING, longDate, programmeName, programmeShortName, SMS_SENDER } from './words';

export type CompletionOutcome = 'SERVICE_DELIVERED' | 'PARTIALLY_DELIVERED' | 'NOT_DELIVERED' | 'RESIDENT_DROPPED_OUT';

export interface ServiceCompletedParameters {
  readonly name: string;
  readonly programme: string;
  readonly agencyId: string;
  readonly completedOn: string;
  readonly outcome: CompletionOutcome;
}

const OUTCOME_WORDS: Record<CompletionOutcome, string> = {
  SERVICE_DELIVERED: 'layanan sudah diberikan sepenuhnya',
  PARTIALLY_DELIVERED: 'layanan baru diberikan sebagian',
  NOT_DELIVERED: 'layanan tidak dapat diberikan',
  RESIDENT_DROPPED_OUT: 'layanan dihentikan karena Anda tidak melanjutkannya',
};

export const serviceCompleted: MessageTemplate<ServiceCompletedParameters> = {
  id: 'service-completed',
  email: ({ name, programme, agencyId, completedOn, outcome }) => ({
    subject: `${programmeName(programme)}: layanan selesai`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `${agencyName(agencyId)} mencatat layanan ${programmeName(programme)} untuk Anda selesai pada ${longDate(completedOn)}: ${OUTCOME_WORDS[outcome]}.`,
      'Jika layanan yang Anda terima tidak sesuai, sampaikan kepada petugas kelurahan.',
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, programme, agencyId, completedOn, outcome }) =>
    `${SMS_SENDER}: Yth. ${name}, layanan ${programmeShortName(programme)} dari ${agencyName(agencyId)} selesai ${longDate(completedOn)}: ${OUTCOME_WORDS[outcome]}.`,
};
