/** A case a supervisor has to look at: what the resident should bring (or be home for), by the review's reasons. */
import type { MessageTemplate } from './message-template';
import { caseNumber, CLOSING, listOf, programmeName, SMS_SENDER } from './words';

export type ReviewReasonCode =
  | 'DESIL_UNKNOWN'
  | 'NOT_IN_DTSEN'
  | 'HOME_VISIT_MISSING'
  | 'HOME_VISIT_TIDAK_LAYAK'
  | 'HOME_VISIT_TIDAK_DITEMUI'
  | 'DATA_CONFLICT'
  | 'NEEDS_JUDGEMENT';

export interface ManualReviewParameters {
  readonly name: string;
  readonly caseId: string;
  readonly programmes: readonly string[];
  readonly reasons: readonly ReviewReasonCode[];
}

const ALWAYS = ['KTP asli', 'Kartu Keluarga (KK) asli'];

const TO_BRING: Record<ReviewReasonCode, readonly string[]> = {
  DESIL_UNKNOWN: ['surat keterangan tidak mampu (SKTM) dari kelurahan, jika ada'],
  NOT_IN_DTSEN: ['surat keterangan tidak mampu (SKTM) dari kelurahan, jika ada'],
  HOME_VISIT_MISSING: [],
  HOME_VISIT_TIDAK_DITEMUI: [],
  HOME_VISIT_TIDAK_LAYAK: ['bukti penghasilan (slip gaji atau surat keterangan penghasilan dari RT/RW)'],
  DATA_CONFLICT: ['bukti penghasilan (slip gaji atau surat keterangan penghasilan dari RT/RW)'],
  NEEDS_JUDGEMENT: [],
};

const BE_HOME: ReadonlySet<ReviewReasonCode> = new Set(['HOME_VISIT_MISSING', 'HOME_VISIT_TIDAK_DITEMUI']);

export function documentsToBring(reasons: readonly ReviewReasonCode[]): string[] {
  return [...new Set([...ALWAYS, ...reasons.flatMap((reason) => TO_BRING[reason])])];
}

export const manualReview: MessageTemplate<ManualReviewParameters> = {
  id: 'manual-review',
  email: ({ name, caseId, programmes, reasons }) => ({
    subject: `Permohonan Anda perlu pemeriksaan petugas (No. ${caseNumber(caseId)})`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `Permohonan Anda nomor ${caseNumber(caseId)} untuk ${listOf(programmes.map(programmeName))} perlu diperiksa langsung oleh petugas sebelum diputuskan.`,
      `Mohon datang ke kantor kelurahan atau Puskesos dan membawa:\n${documentsToBring(reasons).map((document) => `- ${document}`).join('\n')}`,
      ...(reasons.some((reason) => BE_HOME.has(reason))
        ? ['Petugas juga akan berkunjung ke rumah Anda: mohon ada anggota keluarga di rumah saat petugas datang.']
        : []),
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, caseId, reasons }) =>
    `${SMS_SENDER}: Yth. ${name}, permohonan No. ${caseNumber(caseId)} perlu diperiksa petugas. Mohon datang ke kelurahan membawa ${listOf(documentsToBring(reasons))}.`,
};
