/**
 * The partner agencies of Kota Pasuruan that LASTRI refers residents to. The id is what tokens
 * (`agencyId` claim), API keys and topics (`lastri.partner.<agencyId>`) name, so it keeps to
 * lower-case kebab-case and never changes; the name is what a caseworker reads.
 */
export interface PartnerAgency {
  readonly agencyId: AgencyId;
  readonly name: string;
  readonly delivers: string;
}

export const AGENCY_IDS = [
  'dinas-pendidikan',
  'dinas-kesehatan',
  'disnaker',
  'dispendukcapil',
  'baznas',
  'lksa',
  'kemensos-upt',
] as const;

export type AgencyId = (typeof AGENCY_IDS)[number];

export const AGENCIES: readonly PartnerAgency[] = [
  { agencyId: 'dinas-pendidikan', name: 'Dinas Pendidikan Kota Pasuruan', delivers: 'PIP, bantuan sekolah' },
  { agencyId: 'dinas-kesehatan', name: 'Dinas Kesehatan / BPJS Kesehatan', delivers: 'PBI-JK, bantuan kesehatan' },
  { agencyId: 'disnaker', name: 'Disnaker / BLK Kota Pasuruan', delivers: 'pelatihan kerja, penempatan kerja' },
  { agencyId: 'dispendukcapil', name: 'Dispendukcapil Kota Pasuruan', delivers: 'KTP, KK, akta kelahiran' },
  { agencyId: 'baznas', name: 'BAZNAS Kota Pasuruan', delivers: 'bantuan dari zakat' },
  { agencyId: 'lksa', name: 'LKSA / panti', delivers: 'pengasuhan dan perawatan' },
  { agencyId: 'kemensos-upt', name: 'UPT / balai Kementerian Sosial', delivers: 'PKH, sembako, ATENSI' },
];

export function isAgencyId(value: string): value is AgencyId {
  return (AGENCY_IDS as readonly string[]).includes(value);
}

export function findAgency(agencyId: string): PartnerAgency | undefined {
  return AGENCIES.find((agency) => agency.agencyId === agencyId);
}
