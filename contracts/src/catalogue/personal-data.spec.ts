import { EVENT_TYPES } from '../wire-names';
import { eventCatalogue } from './event-catalogue';
import { personalDataPaths, personalDataPathsOf } from './personal-data';

describe('personalDataPaths', () => {
  it('finds the identity, contact and household data of ResidentRegistered, and which is specific', () => {
    expect(personalDataPaths('ResidentRegistered', 1)).toEqual([
      { pointer: '/nik', category: 'personal' },
      { pointer: '/noKk', category: 'personal' },
      { pointer: '/name', category: 'personal' },
      { pointer: '/birthDate', category: 'personal' },
      { pointer: '/sex', category: 'personal' },
      { pointer: '/address/street', category: 'personal' },
      { pointer: '/address/rt', category: 'personal' },
      { pointer: '/address/rw', category: 'personal' },
      { pointer: '/phone', category: 'personal' },
      { pointer: '/email', category: 'personal' },
      { pointer: '/householdMembers', category: 'specific' },
    ]);
  });

  it('marks health, children and income data as specific', () => {
    const specific = personalDataPaths('AssessmentRecorded', 1)
      .filter((path) => path.category === 'specific')
      .map((path) => path.pointer);
    expect(specific).toEqual([
      '/householdIncomePerMonth',
      '/children',
      '/disabledMembers',
      '/pregnantOrNursing',
    ]);
    expect(personalDataPaths('CaseSubmitted', 1)).toContainEqual({
      pointer: '/resident/nik',
      category: 'personal',
    });
  });

  it('reaches into arrays and finds nothing in events without personal data', () => {
    expect(personalDataPaths('EligibilityDetermined', 1)).toEqual([
      { pointer: '/programmes/*/criteria/*/observed', category: 'specific' },
      { pointer: '/inputs', category: 'specific' },
    ]);
    expect(personalDataPaths('ReferralSent', 1)).toEqual([]);
  });

  it('reports a marked object once, as specific when it holds specific data, following $refs', () => {
    const schema = {
      $id: 'https://example.org/fixture.schema.json',
      title: 'Fixture',
      type: 'object',
      properties: {
        guardian: {
          type: 'object',
          'x-personal-data': true,
          properties: { diagnosis: { $ref: '#/$defs/health' } },
        },
        contacts: {
          type: 'array',
          items: { type: 'object', properties: { phone: { $ref: '#/$defs/phone' } } },
        },
      },
      $defs: {
        health: { type: 'string', 'x-personal-data': 'specific' },
        phone: { type: 'string', 'x-personal-data': true },
      },
    };
    expect(personalDataPathsOf(schema)).toEqual([
      { pointer: '/guardian', category: 'specific' },
      { pointer: '/contacts/*/phone', category: 'personal' },
    ]);
  });

  it.each(EVENT_TYPES)(
    'gives, for %s, pointers that do not overlap (each value is encrypted once)',
    (type) => {
      for (const version of eventCatalogue[type].versions) {
        const pointers = personalDataPaths(type, version).map((path) => path.pointer);
        expect(
          pointers.filter((pointer) => pointers.some((outer) => pointer.startsWith(`${outer}/`))),
        ).toEqual([]);
      }
    },
  );
});
