/** The words the templates share: programme and agency names, dates and case numbers as a resident reads them. */
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export const PROGRAMME_NAMES: Readonly<Record<string, string>> = {
  PKH: 'Program Keluarga Harapan (PKH)',
  SEMBAKO: 'Program Sembako',
  SEMBAKO_DAERAH: 'Bantuan Sembako Daerah Kota Pasuruan',
  PBI_JK: 'Bantuan Iuran BPJS Kesehatan (PBI-JK)',
  PIP: 'Program Indonesia Pintar (PIP)',
  ATENSI: 'Asistensi Rehabilitasi Sosial (ATENSI)',
  PELATIHAN: 'Pelatihan Keterampilan Kerja',
  KERJA: 'Penempatan Kerja',
};

/** The partner agencies by id, as residents know them (the referral context names the same ids). */
export const AGENCY_NAMES: Readonly<Record<string, string>> = {
  'dinas-pendidikan': 'Dinas Pendidikan Kota Pasuruan',
  'dinas-kesehatan': 'Dinas Kesehatan Kota Pasuruan',
  disnaker: 'Disnaker / BLK Kota Pasuruan',
  dispendukcapil: 'Dispendukcapil Kota Pasuruan',
  baznas: 'BAZNAS Kota Pasuruan',
  lksa: 'LKSA / panti sosial',
  'kemensos-upt': 'UPT Kementerian Sosial',
};

export const SENDER = 'Dinas Sosial Kota Pasuruan';
/** The start of every SMS/WhatsApp text: who is writing. */
export const SMS_SENDER = 'Dinsos Kota Pasuruan';
export const CLOSING = `Jika ada pertanyaan, silakan datang ke kantor kelurahan atau Puskesos terdekat.\n\nHormat kami,\n${SENDER}`;

export function programmeName(programme: string): string {
  return PROGRAMME_NAMES[programme] ?? programme;
}

/** The short name in brackets, for SMS: "PKH", "PIP", else the full name. */
export function programmeShortName(programme: string): string {
  return /\(([^)]+)\)$/.exec(PROGRAMME_NAMES[programme] ?? '')?.[1] ?? programmeName(programme);
}

export function agencyName(agencyId: string): string {
  return AGENCY_NAMES[agencyId] ?? agencyId;
}

/** "12 November 2025" from a calendar date YYYY-MM-DD. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The case number a resident can quote at the counter: the case id's first eight characters. */
export function caseNumber(caseId: string): string {
  return caseId.slice(0, 8).toUpperCase();
}

/** "a, b dan c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} dan ${items[items.length - 1]}`;
}
