import { given } from '../testing/decider-specification';
import { AHMAD, KANDANGSAPI, NUR_AINI, PSM, RESIDENT_ID, SUMIATI, history, registerSiti } from '../testing/intake.fixtures';

describe('RegisterResident', () => {
  it('registers a resident with her household, deriving the kecamatan from the kelurahan', () => {
    given()
      .when(registerSiti())
      .thenEmits([
        {
          type: 'ResidentRegistered',
          schemaVersion: 1,
          data: {
            residentId: RESIDENT_ID,
            nik: '3575045203850001',
            noKk: '3575041503100007',
            name: 'Siti Aminah',
            birthDate: '1985-03-12',
            sex: 'PEREMPUAN',
            householdRelation: 'KEPALA_KELUARGA',
            address: {
              street: 'Jl. Hasanudin Gg. 3 No. 12',
              rt: '004',
              rw: '002',
              kelurahanCode: KANDANGSAPI,
              kecamatanCode: '35.75.04',
            },
            phone: '+6281234567890',
            householdMembers: [AHMAD, NUR_AINI, SUMIATI],
            registeredBy: PSM,
          },
        },
      ]);
  });

  it('accepts a NIK first issued outside Kota Pasuruan', () => {
    given()
      .when(registerSiti({ nik: '3171015203850002', householdMembers: [] }))
      .events();
  });

  it('refuses a resident already registered on this stream', () => {
    given(...history(registerSiti())).when(registerSiti()).thenRefuses('ResidentAlreadyRegistered');
  });

  it.each([
    ['not 16 digits', '357504520385001'],
    ['an unknown province', '9975045203850001'],
    ['a date part that is no date', '3575047102850001'],
    ['serial 0000', '3575045203850000'],
  ])('refuses a NIK with %s', (_what, nik) => {
    given().when(registerSiti({ nik })).thenRefuses('ResidentDataRefused', [{ field: 'nik', rule: 'nik-invalid' }]);
  });

  it('refuses a NIK whose date part is not the birth date', () => {
    const refusal = given()
      .when(registerSiti({ birthDate: '1985-03-13' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'nik', rule: 'nik-does-not-match-birth' }]);
    expect(refusal.problems[0].message).toMatch(/tanggal lahir pada NIK tidak sesuai/);
  });

  it('refuses a woman’s NIK (day + 40) for a man', () => {
    given()
      .when(registerSiti({ sex: 'LAKI_LAKI' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'nik', rule: 'nik-does-not-match-birth' }]);
  });

  it('refuses a birth date that is not a day of the calendar, or in the future', () => {
    given()
      .when(registerSiti({ birthDate: '1985-02-30' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'birthDate', rule: 'date-invalid' }]);
    given()
      .when(registerSiti({ nik: '3575045203300001', birthDate: '2030-03-12', householdMembers: [] }))
      .thenRefuses('ResidentDataRefused', [{ field: 'birthDate', rule: 'date-in-future' }]);
  });

  it('refuses an invalid No. KK', () => {
    given()
      .when(registerSiti({ noKk: '3575043113100007' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'noKk', rule: 'no-kk-invalid' }]);
  });

  it('refuses a kelurahan that is not one of the 34 of Kota Pasuruan', () => {
    const refusal = given()
      .when(
        registerSiti({ address: { street: 'Jl. Raya 1', rt: '001', rw: '001', kelurahanCode: '35.75.01.1008' } }),
      )
      .thenRefuses('ResidentDataRefused', [{ field: 'address.kelurahanCode', rule: 'kelurahan-unknown' }]);
    expect(refusal.message).toContain('address.kelurahanCode');
  });

  it('checks each household member’s NIK against their own birth date and sex', () => {
    given()
      .when(registerSiti({ householdMembers: [AHMAD, { ...NUR_AINI, sex: 'LAKI_LAKI' }] }))
      .thenRefuses('ResidentDataRefused', [{ field: 'householdMembers[1].nik', rule: 'nik-does-not-match-birth' }]);
  });

  it('accepts a member without a NIK yet (a newborn)', () => {
    const { nik: _none, ...newborn } = { ...NUR_AINI, birthDate: '2025-10-01' };
    given().when(registerSiti({ householdMembers: [newborn] })).events();
  });

  it('refuses a NIK listed twice on one KK', () => {
    given()
      .when(registerSiti({ householdMembers: [AHMAD, { ...AHMAD, name: 'Ahmad F.' }] }))
      .thenRefuses('ResidentDataRefused', [
        { field: 'householdMembers[1].nik', rule: 'nik-duplicated-in-household' },
      ]);
  });

  it('needs exactly one head of the KK, the resident or a member', () => {
    given()
      .when(registerSiti({ householdRelation: 'ISTRI' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'householdRelation', rule: 'household-needs-one-head' }]);
    given()
      .when(registerSiti({ householdMembers: [{ ...SUMIATI, relation: 'KEPALA_KELUARGA' }] }))
      .thenRefuses('ResidentDataRefused', [
        { field: 'householdMembers[0].relation', rule: 'household-needs-one-head' },
      ]);
    given()
      .when(
        registerSiti({
          householdRelation: 'ISTRI',
          householdMembers: [{ name: 'Joko', relation: 'KEPALA_KELUARGA', birthDate: '1980-01-01', sex: 'LAKI_LAKI' }],
        }),
      )
      .events();
  });

  it('lists every problem at once, so the caseworker fixes the form in one go', () => {
    given()
      .when(
        registerSiti({
          nik: '123',
          noKk: '3575041503100000',
          address: { street: 'x', rt: '001', rw: '001', kelurahanCode: '99.99.99.9999' },
        }),
      )
      .thenRefuses('ResidentDataRefused', [
        { field: 'nik', rule: 'nik-invalid' },
        { field: 'noKk', rule: 'no-kk-invalid' },
        { field: 'address.kelurahanCode', rule: 'kelurahan-unknown' },
      ]);
  });
});
