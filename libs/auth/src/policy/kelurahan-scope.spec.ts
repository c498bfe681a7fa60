import type { Actor } from '../actor/actor';
import { canActInKelurahan } from './kelurahan-scope';

const KANDANGSAPI = '35.75.04.1011';
const TRAJENG = '35.75.04.1003';
const KARANGKETUG = '35.75.01.1001';

const actor = (roles: Actor['roles'], kelurahan: string[] = [], agencyId?: string): Actor => ({
  sub: 'x',
  name: 'X',
  roles,
  kelurahan,
  ...(agencyId ? { agencyId } : {}),
});

describe('canActInKelurahan', () => {
  it('lets a caseworker act in the kelurahan their token lists, and nowhere else', () => {
    const caseworker = actor(['caseworker'], [KANDANGSAPI, TRAJENG]);
    expect(canActInKelurahan(caseworker, KANDANGSAPI)).toBe(true);
    expect(canActInKelurahan(caseworker, TRAJENG)).toBe(true);
    expect(canActInKelurahan(caseworker, KARANGKETUG)).toBe(false);
  });

  it('lets supervisors and admins act in every kelurahan, also when they are caseworkers too', () => {
    expect(canActInKelurahan(actor(['supervisor']), KARANGKETUG)).toBe(true);
    expect(canActInKelurahan(actor(['admin']), KARANGKETUG)).toBe(true);
    expect(canActInKelurahan(actor(['caseworker', 'supervisor'], [KANDANGSAPI]), KARANGKETUG)).toBe(
      true,
    );
  });

  it('lets neither auditors nor agencies act on residents, whatever their token lists', () => {
    expect(canActInKelurahan(actor(['auditor'], [KANDANGSAPI]), KANDANGSAPI)).toBe(false);
    expect(canActInKelurahan(actor(['agency'], [KANDANGSAPI], 'baznas'), KANDANGSAPI)).toBe(false);
  });
});
