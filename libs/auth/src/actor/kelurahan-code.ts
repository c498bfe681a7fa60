/**
 * A full Kemendagri village code, province.city.kecamatan.village, e.g. `35.75.04.1011`
 * (Kandangsapi). The village part is 1xxx for a kelurahan and 2xxx for a desa. This checks the
 * shape only; whether the kelurahan exists is reference data, not the token's concern.
 */
const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.[12]\d{3}$/;

export function isKelurahanCode(value: unknown): value is string {
  return typeof value === 'string' && KELURAHAN_CODE.test(value);
}
