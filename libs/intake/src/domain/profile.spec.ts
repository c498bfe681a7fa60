import type { ChangeCircumstances, CorrectProfile } from './intake.commands';
import { fold } from './intake.decider';
import type { RegisteredResident } from './intake.state';
import { given } from '../testing/decider-specification';
import { AHMAD, NOW, NUR_AINI, RESIDENT_ID, SUMIATI, history, recorded, registerSiti } from '../testing/intake.fixtures';

const registered = () => history(registerSiti());

const correct = (corrections: CorrectProfile['data']['corrections'], reason = 'KK dibaca ulang'): CorrectProfile => ({
  type: 'CorrectProfile',
  data: { residentId: RESIDENT_ID, corrections, reason },
  metadata: { now: NOW },
});

const change = (
  changes: ChangeCircumstances['data']['changes'],
  effectiveFrom = '2025-11-01',
): ChangeCircumstances => ({
  type: 'ChangeCircumstances',
  data: { residentId: RESIDENT_ID, changes, effectiveFrom, reason: 'KK baru diterbitkan' },
  metadata: { now: NOW },
});

describe('CorrectProfile (the record was wrong)', () => {
  it('records only the fields that really differ, with the reason', () => {
    given(...registered())
      .when(correct({ name: 'Siti Aminah Rahayu', noKk: '3575041503100007' }))
      .thenEmits([
        {
          type: 'ResidentProfileCorrected',
          schemaVersion: 1,
          data: { residentId: RESIDENT_ID, corrections: { name: 'Siti Aminah Rahayu' }, reason: 'KK dibaca ulang' },
        },
      ]);
  });

  it('refuses a correction that changes nothing', () => {
    given(...registered())
      .when(correct({ name: 'Siti Aminah' }))
      .thenRefuses('NothingToCorrect', [{ field: 'corrections', rule: 'nothing-to-change' }]);
  });

  it('refuses a correction for a resident who is not registered', () => {
    given().when(correct({ name: 'X' })).thenRefuses('ResidentNotRegistered');
  });

  it('reports a NIK that no longer matches on the field the caseworker changed', () => {
    given(...registered())
      .when(correct({ birthDate: '1985-03-21' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'corrections.birthDate', rule: 'nik-does-not-match-birth' }]);
    given(...registered())
      .when(correct({ nik: '3575041203850001' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'corrections.nik', rule: 'nik-does-not-match-birth' }]);
  });

  it('accepts NIK, birth date and sex corrected together when they agree', () => {
    const events = given(...registered())
      .when(correct({ nik: '3575041203850001', sex: 'LAKI_LAKI', name: 'Slamet' }))
      .events();
    expect(events[0].data).toMatchObject({ corrections: { nik: '3575041203850001', sex: 'LAKI_LAKI' } });
  });

  it('refuses a corrected address outside the 34 kelurahan, and fills in the kecamatan of a valid one', () => {
    given(...registered())
      .when(correct({ address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanCode: '35.75.03.1004' } }))
      .thenRefuses('ResidentDataRefused', [{ field: 'corrections.address.kelurahanCode', rule: 'kelurahan-unknown' }]);
    const [event] = given(...registered())
      .when(correct({ address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanCode: '35.75.03.1005' } }))
      .events();
    expect(event.data).toMatchObject({ corrections: { address: { kelurahanCode: '35.75.03.1005', kecamatanCode: '35.75.03' } } });
  });

  it('replaces the household list as a whole, keeping one head of the KK', () => {
    given(...registered())
      .when(correct({ householdMembers: [AHMAD, NUR_AINI] }))
      .events();
    given(...registered())
      .when(correct({ householdRelation: 'ISTRI' }))
      .thenRefuses('ResidentDataRefused', [{ field: 'corrections.householdRelation', rule: 'household-needs-one-head' }]);
  });

  it('checks a corrected household like a registered one: each NIK against its birth date', () => {
    given(...registered())
      .when(correct({ householdMembers: [{ ...AHMAD, birthDate: '2010-07-22' }, NUR_AINI] }))
      .thenRefuses('ResidentDataRefused', [
        { field: 'corrections.householdMembers[0].nik', rule: 'nik-does-not-match-birth' },
      ]);
  });

  it('removes a wrong phone number with null', () => {
    const stream = [...registered(), ...given(...registered()).when(correct({ phone: null })).events().map((e) => recorded(e))];
    expect((fold(stream) as RegisteredResident).profile.phone).toBeUndefined();
  });
});

describe('ChangeCircumstances (life changed from a date)', () => {
  it('records a birth in the household from the day it happened', () => {
    const baby = { name: 'Bayi Siti', relation: 'ANAK' as const, birthDate: '2025-11-01', sex: 'PEREMPUAN' as const };
    const events = given(...registered()).when(change({ householdMembersJoined: [baby] })).events();
    expect(events[0]).toMatchObject({
      type: 'CircumstancesChanged',
      data: { changes: { householdMembersJoined: [baby] }, effectiveFrom: '2025-11-01' },
    });
    const state = fold([...registered(), recorded(events[0])]) as RegisteredResident;
    expect(state.household).toHaveLength(4);
  });

  it('is a different event from a correction, so history tells them apart', () => {
    const [corrected] = given(...registered()).when(correct({ name: 'Siti A.' })).events();
    const [changed] = given(...registered()).when(change({ employmentStatus: 'UNEMPLOYED' })).events();
    expect(corrected.type).toBe('ResidentProfileCorrected');
    expect(changed.type).toBe('CircumstancesChanged');
  });

  it('records a death: the member leaves the KK', () => {
    const events = given(...registered())
      .when(change({ householdMembersLeft: [{ name: 'Sumiati', nik: SUMIATI.nik, cause: 'DECEASED' }] }))
      .events();
    const state = fold([...registered(), recorded(events[0])]) as RegisteredResident;
    expect(state.household.map((m) => m.name)).toEqual(['Ahmad Fauzi', 'Nur Aini']);
  });

  it('refuses a leaver who is not on the KK, and a joiner already on it', () => {
    given(...registered())
      .when(change({ householdMembersLeft: [{ name: 'Budi', cause: 'MOVED_OUT' }] }))
      .thenRefuses('ResidentDataRefused', [{ field: 'changes.householdMembersLeft[0].name', rule: 'household-member-unknown' }]);
    const { nik: _nik, ...nurWithoutNik } = NUR_AINI;
    given(...registered())
      .when(change({ householdMembersJoined: [nurWithoutNik] }))
      .thenRefuses('ResidentDataRefused', [
        { field: 'changes.householdMembersJoined[0].name', rule: 'household-member-already-listed' },
      ]);
  });

  it('refuses a second head of the KK joining', () => {
    given(...registered())
      .when(
        change({
          householdMembersJoined: [{ name: 'Joko', relation: 'KEPALA_KELUARGA', birthDate: '1980-01-01', sex: 'LAKI_LAKI' }],
        }),
      )
      .thenRefuses('ResidentDataRefused', [
        { field: 'changes.householdMembersJoined[0].relation', rule: 'household-needs-one-head' },
      ]);
  });

  it('needs an effectiveFrom that has already come, and not before the resident was born', () => {
    given(...registered())
      .when(change({ employmentStatus: 'UNEMPLOYED' }, '2025-12-01'))
      .thenRefuses('ResidentDataRefused', [{ field: 'effectiveFrom', rule: 'date-in-future' }]);
    given(...registered())
      .when(change({ employmentStatus: 'UNEMPLOYED' }, '1980-01-01'))
      .thenRefuses('ResidentDataRefused', [{ field: 'effectiveFrom', rule: 'date-before-birth' }]);
    given(...registered())
      .when(change({ employmentStatus: 'UNEMPLOYED' }, '2025-11-31'))
      .thenRefuses('ResidentDataRefused', [{ field: 'effectiveFrom', rule: 'date-invalid' }]);
  });

  it('moves the resident to a new kelurahan of the city', () => {
    const [event] = given(...registered())
      .when(change({ address: { street: 'Jl. Pahlawan 3', rt: '002', rw: '005', kelurahanCode: '35.75.01.1001' } }))
      .events();
    const state = fold([...registered(), recorded(event)]) as RegisteredResident;
    expect(state.profile.address).toEqual({
      street: 'Jl. Pahlawan 3',
      rt: '002',
      rw: '005',
      kelurahanCode: '35.75.01.1001',
      kecamatanCode: '35.75.01',
    });
  });

  it('refuses a change that names nothing', () => {
    given(...registered()).when(change({})).thenRefuses('NothingToCorrect', [{ field: 'changes', rule: 'nothing-to-change' }]);
  });
});
