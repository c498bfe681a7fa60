/**
 * The outcome of the eligibility check, per programme, with each criterion that was not met said
 * in plain words: the criterion as the rule set describes it, and what the case showed.
 */
import type { MessageTemplate } from './message-template';
import { caseNumber, CLOSING, listOf, programmeName, programmeShortName, SMS_SENDER } from './words';

export interface ProgrammeOutcome {
  readonly programme: string;
  readonly outcome: 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'NEEDS_REVIEW';
  /** The criteria not met: their description in Bahasa Indonesia and what was observed. */
  readonly unmet: readonly { readonly description: string; readonly observed: unknown }[];
}

export interface EligibilityOutcomeParameters {
  readonly name: string;
  readonly caseId: string;
  readonly programmes: readonly ProgrammeOutcome[];
}

/** "3", "15 dan 9", "ya", "belum ada data". */
export function observedInWords(observed: unknown): string {
  if (observed === null || observed === undefined || (Array.isArray(observed) && observed.length === 0)) return 'belum ada data';
  if (Array.isArray(observed)) return listOf(observed.map(observedInWords));
  if (typeof observed === 'boolean') return observed ? 'ya' : 'tidak';
  if (typeof observed === 'number') return observed.toLocaleString('id-ID');
  return String(observed);
}

function unmetInWords(unmet: ProgrammeOutcome['unmet'][number]): string {
  return `${unmet.description} (data Anda: ${observedInWords(unmet.observed)})`;
}

function programmeLine(outcome: ProgrammeOutcome): string {
  const name = programmeName(outcome.programme);
  switch (outcome.outcome) {
    case 'ELIGIBLE':
      return `- ${name}: LAYAK. Anda akan dirujuk ke lembaga penyalur program ini.`;
    case 'NEEDS_REVIEW':
      return `- ${name}: MASIH DIPERIKSA. Petugas perlu memeriksa data Anda lebih lanjut.`;
    case 'NOT_ELIGIBLE':
      return [`- ${name}: BELUM LAYAK, karena syarat berikut belum terpenuhi:`, ...outcome.unmet.map((unmet) => `    • ${unmetInWords(unmet)}`)].join('\n');
  }
}

const SMS_WORDS = { ELIGIBLE: 'layak', NOT_ELIGIBLE: 'belum layak', NEEDS_REVIEW: 'masih diperiksa' } as const;

export const eligibilityOutcome: MessageTemplate<EligibilityOutcomeParameters> = {
  id: 'eligibility-outcome',
  email: ({ name, caseId, programmes }) => ({
    subject: `Hasil pemeriksaan kelayakan bantuan Anda (No. ${caseNumber(caseId)})`,
    body: [
      `Yth. Bapak/Ibu ${name},`,
      `Permohonan Anda nomor ${caseNumber(caseId)} sudah diperiksa. Hasilnya untuk setiap program:`,
      programmes.map(programmeLine).join('\n'),
      'Jika menurut Anda data di atas tidak benar, Anda dapat meminta pemeriksaan ulang di kantor kelurahan dengan membawa KTP, Kartu Keluarga dan bukti yang mendukung.',
      CLOSING,
    ].join('\n\n'),
  }),
  sms: ({ name, caseId, programmes }) => {
    const outcomes = programmes.map((outcome) => `${programmeShortName(outcome.programme)} ${SMS_WORDS[outcome.outcome]}`).join('; ');
    const reasons = programmes
      .filter((outcome) => outcome.outcome === 'NOT_ELIGIBLE' && outcome.unmet.length > 0)
      .map((outcome) => `${programmeShortName(outcome.programme)}: ${outcome.unmet.map((unmet) => unmet.description).join('; ')}`);
    return [
      `${SMS_SENDER}: Yth. ${name}, hasil pemeriksaan permohonan No. ${caseNumber(caseId)}: ${outcomes}.`,
      ...(reasons.length > 0 ? [`Belum terpenuhi: ${reasons.join('. ')}.`] : []),
      'Rincian di kantor kelurahan.',
    ].join(' ');
  },
};
