import { findKelurahan, KECAMATAN, KELURAHAN } from './kelurahan';

describe('Kota Pasuruan kelurahan', () => {
  it('has 34 kelurahan in 4 kecamatan', () => {
    expect(KELURAHAN).toHaveLength(34);
    expect(KECAMATAN).toHaveLength(4);
    expect(new Set(KELURAHAN.map((k) => k.code)).size).toBe(34);
  });

  it('finds Kandangsapi, home of the Dinas Sosial, by its full code', () => {
    expect(findKelurahan('35.75.04.1011')).toEqual({ code: '35.75.04.1011', name: 'Kandangsapi', kecamatanCode: '35.75.04' });
  });

  it('knows no kelurahan outside the city', () => {
    expect(findKelurahan('35.75.01.1008')).toBeUndefined();
    expect(findKelurahan('35.14.01.1001')).toBeUndefined();
  });
});
