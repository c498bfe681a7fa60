import { given } from '../testing/decider-specification';
import {
  CONSENT_ID,
  NOW,
  RESIDENT_ID,
  history,
  recordConsentCommand,
  registerSiti,
  withdrawConsentCommand,
} from '../testing/intake.fixtures';

/** Nur Aini, 9 years old, registered as a resident herself (a child in an LKSA, say). */
const registerChild = () =>
  registerSiti({
    nik: '3575044501160002',
    name: 'Nur Aini',
    birthDate: '2016-01-05',
    householdRelation: 'ANAK',
    householdMembers: [
      { name: 'Siti Aminah', nik: '3575045203850001', relation: 'KEPALA_KELUARGA', birthDate: '1985-03-12', sex: 'PEREMPUAN' },
    ],
  });

describe('RecordConsent', () => {
  it('records consent with who gave it, how, and for which purposes', () => {
    given(...history(registerSiti()))
      .when(recordConsentCommand())
      .thenEmits([
        {
          type: 'ConsentRecorded',
          schemaVersion: 1,
          data: {
            consentId: CONSENT_ID,
            legalBasis: 'CONSENT',
            purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION', 'REFERRAL_TO_PARTNER_AGENCIES'],
            givenBy: { name: 'Siti Aminah', relation: 'SELF' },
            method: 'SIGNED_FORM',
            givenAt: '2025-11-10T08:55:00+07:00',
          },
        },
      ]);
  });

  it('records a basis in law with the regulation it rests on, and no giver', () => {
    given(...history(registerSiti()))
      .when(
        recordConsentCommand({
          legalBasis: 'PUBLIC_SERVICE_BY_LAW',
          legalReference: 'Permensos 15/2018 tentang SLRT',
          givenBy: undefined,
          method: undefined,
        }),
      )
      .events();
  });

  it('refuses a basis in law without the regulation', () => {
    given(...history(registerSiti()))
      .when(recordConsentCommand({ legalBasis: 'PUBLIC_SERVICE_BY_LAW', givenBy: undefined, method: undefined }))
      .thenRefuses('ConsentRefused', [{ field: 'legalReference', rule: 'legal-basis-needs-reference' }]);
  });

  it('refuses consent without who gave it or how', () => {
    given(...history(registerSiti()))
      .when(recordConsentCommand({ givenBy: undefined, method: undefined }))
      .thenRefuses('ConsentRefused', [
        { field: 'givenBy', rule: 'consent-needs-giver' },
        { field: 'method', rule: 'consent-needs-method' },
      ]);
  });

  it('refuses a child (under 18) consenting for herself', () => {
    const refusal = given(...history(registerChild()))
      .when(recordConsentCommand({ givenBy: { name: 'Nur Aini', relation: 'SELF' } }))
      .thenRefuses('ConsentRefused', [{ field: 'givenBy.relation', rule: 'child-needs-parent-or-guardian' }]);
    expect(refusal.problems[0].message).toMatch(/berusia 9 tahun/);
  });

  it('accepts a parent or guardian consenting for a child', () => {
    for (const relation of ['PARENT', 'GUARDIAN'] as const) {
      given(...history(registerChild()))
        .when(recordConsentCommand({ givenBy: { name: 'Siti Aminah', relation } }))
        .events();
    }
  });

  it('takes the age on the day consent was given: 18 on that day is an adult', () => {
    const eighteenToday = registerSiti({
      nik: '3575041011070001',
      birthDate: '2007-11-10',
      sex: 'LAKI_LAKI',
      name: 'Rizky',
    });
    given(...history(eighteenToday))
      .when(recordConsentCommand({ givenBy: { name: 'Rizky', relation: 'SELF' }, givenAt: '2025-11-10T08:55:00+07:00' }))
      .events();
    given(...history(eighteenToday))
      .when(recordConsentCommand({ givenBy: { name: 'Rizky', relation: 'SELF' }, givenAt: '2025-11-09T20:00:00+07:00' }))
      .thenRefuses('ConsentRefused', [{ field: 'givenBy.relation', rule: 'child-needs-parent-or-guardian' }]);
  });

  it('refuses consent dated in the future', () => {
    given(...history(registerSiti()))
      .when(recordConsentCommand({ givenAt: '2025-11-11T09:00:00+07:00' }))
      .thenRefuses('ConsentRefused', [{ field: 'givenAt', rule: 'date-in-future' }]);
  });

  it('refuses consent dated before the resident was born, and a consent id used twice', () => {
    given(...history(registerChild()))
      .when(recordConsentCommand({ givenBy: { name: 'Siti Aminah', relation: 'PARENT' }, givenAt: '2015-06-01T09:00:00+07:00' }))
      .thenRefuses('ConsentRefused', [{ field: 'givenAt', rule: 'date-before-birth' }]);
    given(...history(registerSiti(), recordConsentCommand()))
      .when(recordConsentCommand())
      .thenRefuses('ConsentRefused', [{ field: 'consentId', rule: 'case-state' }]);
  });

  it('refuses consent for a resident not registered', () => {
    given().when(recordConsentCommand()).thenRefuses('ResidentNotRegistered');
  });
});

describe('WithdrawConsent', () => {
  const consented = () => history(registerSiti(), recordConsentCommand());

  it('withdraws consent as a whole, when it happened', () => {
    given(...consented())
      .when(withdrawConsentCommand({ reason: 'Tidak ingin dihubungi lagi' }))
      .thenEmits([
        {
          type: 'ConsentWithdrawn',
          schemaVersion: 1,
          data: {
            consentId: CONSENT_ID,
            withdrawnBy: { name: 'Siti Aminah', relation: 'SELF' },
            withdrawnAt: NOW,
            reason: 'Tidak ingin dihubungi lagi',
          },
        },
      ]);
  });

  it('withdraws some purposes, and refuses purposes the consent no longer covers', () => {
    const partly = history(registerSiti(), recordConsentCommand(), withdrawConsentCommand({ purposes: ['REFERRAL_TO_PARTNER_AGENCIES'] }));
    given(...partly)
      .when(withdrawConsentCommand({ purposes: ['REFERRAL_TO_PARTNER_AGENCIES'] }))
      .thenRefuses('ConsentRefused', [{ field: 'purposes[0]', rule: 'purpose-not-active' }]);
    given(...partly).when(withdrawConsentCommand({ purposes: ['CASE_HANDLING'] })).events();
  });

  it('refuses withdrawing twice, an unknown consent, and a basis in law', () => {
    given(...history(registerSiti(), recordConsentCommand(), withdrawConsentCommand()))
      .when(withdrawConsentCommand())
      .thenRefuses('ConsentAlreadyWithdrawn');
    given(...consented()).when(withdrawConsentCommand({ consentId: RESIDENT_ID })).thenRefuses('ConsentNotFound');
    given(
      ...history(
        registerSiti(),
        recordConsentCommand({ legalBasis: 'LEGAL_OBLIGATION', legalReference: 'UU 11/2009', givenBy: undefined, method: undefined }),
      ),
    )
      .when(withdrawConsentCommand())
      .thenRefuses('ConsentNotWithdrawable');
  });

  it('lets only a parent or guardian withdraw a child’s consent', () => {
    const childConsented = history(registerChild(), recordConsentCommand({ givenBy: { name: 'Siti Aminah', relation: 'PARENT' } }));
    given(...childConsented)
      .when(withdrawConsentCommand({ withdrawnBy: { name: 'Nur Aini', relation: 'SELF' } }))
      .thenRefuses('ConsentRefused', [{ field: 'withdrawnBy.relation', rule: 'child-needs-parent-or-guardian' }]);
    given(...childConsented).when(withdrawConsentCommand({ withdrawnBy: { name: 'Siti Aminah', relation: 'PARENT' } })).events();
  });
});
