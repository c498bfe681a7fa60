/**
 * Kota Pasuruan (35.75): its 4 kecamatan and 34 kelurahan with their official codes
 * (docs/domain.md). A resident's address must name one of these kelurahan.
 */
export interface Kecamatan {
  code: string;
  name: string;
}

export interface Kelurahan {
  /** Full code, e.g. `35.75.04.1011`. */
  code: string;
  name: string;
  kecamatanCode: string;
}

export const KOTA_PASURUAN_CODE = '35.75';

/**
 * The shape of a full kelurahan code (`35.75.04.1011`): province, kota, kecamatan, kelurahan.
 * A request is checked against the shape first; whether the code names one of Kota Pasuruan's
 * kelurahan is a rule of the context (findKelurahan).
 */
export const KELURAHAN_CODE_PATTERN = /^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$/;

export const KECAMATAN: readonly Kecamatan[] = [
  { code: '35.75.01', name: 'Gadingrejo' },
  { code: '35.75.02', name: 'Purworejo' },
  { code: '35.75.03', name: 'Bugul Kidul' },
  { code: '35.75.04', name: 'Panggungrejo' },
];

const KELURAHAN_BY_KECAMATAN: Record<string, [suffix: string, name: string][]> = {
  '35.75.01': [
    ['1001', 'Karangketug'], ['1002', 'Gentong'], ['1003', 'Sebani'], ['1004', 'Petahunan'],
    ['1005', 'Bukir'], ['1006', 'Randusari'], ['1007', 'Krapyakrejo'], ['1009', 'Gadingrejo'],
  ],
  '35.75.02': [
    ['1001', 'Pohjentrek'], ['1002', 'Wirogunan'], ['1003', 'Tembokrejo'], ['1004', 'Purutrejo'],
    ['1005', 'Kebonagung'], ['1006', 'Purworejo'], ['1011', 'Sekargadung'],
  ],
  '35.75.03': [
    ['1001', 'Blandongan'], ['1002', 'Kepel'], ['1003', "Tapa'an"], ['1005', 'Bakalan'],
    ['1006', 'Krampyangan'], ['1009', 'Bugul Kidul'],
  ],
  '35.75.04': [
    ['1001', 'Karanganyar'], ['1002', "Tamba'an"], ['1003', 'Trajeng'], ['1004', 'Bangilan'],
    ['1005', 'Kebonsari'], ['1006', 'Mayangan'], ['1007', 'Ngemplakrejo'], ['1008', 'Petamanan'],
    ['1009', 'Pekuncen'], ['1010', 'Bugul Lor'], ['1011', 'Kandangsapi'], ['1012', 'Panggungrejo'],
    ['1013', 'Mandaranrejo'],
  ],
};

export const KELURAHAN: readonly Kelurahan[] = Object.entries(KELURAHAN_BY_KECAMATAN).flatMap(
  ([kecamatanCode, entries]) =>
    entries.map(([suffix, name]) => ({ code: `${kecamatanCode}.${suffix}`, name, kecamatanCode })),
);

const kelurahanByCode = new Map(KELURAHAN.map((k) => [k.code, k]));

export function findKelurahan(code: string): Kelurahan | undefined {
  return kelurahanByCode.get(code);
}

export function findKecamatan(code: string): Kecamatan | undefined {
  return KECAMATAN.find((k) => k.code === code);
}
