import type { MessageTemplate } from './message-template';
import { caseNumber, CLOSING, longDate, SMS_SENDER } from './words';

export interface CaseReceivedParameters {
  readonly name: string;
  readonly caseId: string;
  /** The calendar day (WIB) the case was submitted. */
  readonly submittedOn: string;
}

export const caseReceived: MessageTemplate<CaseReceivedParameters> = {
  id: 'case-received',
  email: ({ name, caseId, submittedOn }) => ({
    subject: `Permohonan bantuan Anda sudah kami terima (No. ${caseNumber(caseId)})`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `Permohonan bantuan sosial Anda tanggal ${longDate(submittedOn)} sudah kami terima dengan nomor ${caseNumber(caseId)}.`,
      'Petugas kami akan memeriksa data Anda. Kami akan mengabari Anda lagi setelah pemeriksaan selesai. Simpan nomor di atas untuk menanyakan permohonan Anda.',
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, caseId }) =>
    `${SMS_SENDER}: Yth. ${name}, permohonan bantuan Anda sudah kami terima (No. ${caseNumber(caseId)}). Kami kabari lagi setelah diperiksa.`,
};
