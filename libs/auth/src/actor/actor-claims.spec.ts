import { actorFromClaims, InvalidClaimsError } from './actor-claims';

const KANDANGSAPI = '35.75.04.1011';
const caseworker = {
  sub: 'budi',
  name: 'Budi Santoso',
  roles: ['caseworker'],
  kelurahan: [KANDANGSAPI],
};

function refusal(claims: Record<string, unknown>): InvalidClaimsError {
  try {
    actorFromClaims(claims);
  } catch (error) {
    if (error instanceof InvalidClaimsError) return error;
    throw error;
  }
  throw new Error(`expected the claims to be refused: ${JSON.stringify(claims)}`);
}

describe('actorFromClaims', () => {
  it('reads a caseworker with the kelurahan they serve, ignoring registered claims', () => {
    expect(
      actorFromClaims({
        ...caseworker,
        iss: 'lastri',
        exp: 1,
        roles: ['caseworker', 'caseworker'],
      }),
    ).toEqual({
      sub: 'budi',
      name: 'Budi Santoso',
      roles: ['caseworker'],
      kelurahan: [KANDANGSAPI],
    });
  });

  it('reads an agency user with their agency', () => {
    expect(
      actorFromClaims({
        sub: 'u-17',
        name: 'Siti',
        roles: ['agency'],
        agencyId: 'dinas-pendidikan',
      }),
    ).toEqual({
      sub: 'u-17',
      name: 'Siti',
      roles: ['agency'],
      kelurahan: [],
      agencyId: 'dinas-pendidikan',
    });
  });

  it('refuses an unknown role, naming it', () => {
    const error = refusal({ ...caseworker, roles: ['caseworker', 'superuser'] });
    expect(error.claim).toBe('roles');
    expect(error.message).toMatch(
      /unknown role "superuser" \(known roles: caseworker, supervisor, auditor, agency, admin\)/,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['a string', 'caseworker'],
  ])('refuses roles that are %s', (_case, roles) => {
    expect(refusal({ ...caseworker, roles }).claim).toBe('roles');
  });

  it('refuses the agency role without an agencyId', () => {
    const error = refusal({ sub: 'u-17', name: 'Siti', roles: ['agency'] });
    expect(error.claim).toBe('agencyId');
    expect(error.message).toMatch(/agency role needs "agencyId"/);
  });

  it('refuses an agencyId that could not name a partner topic, or one without the agency role', () => {
    expect(
      refusal({ sub: 'u', name: 'S', roles: ['agency'], agencyId: 'dinas pendidikan' }).claim,
    ).toBe('agencyId');
    expect(refusal({ sub: 'u', name: 'S', roles: ['agency'], agencyId: 'a:b' }).claim).toBe(
      'agencyId',
    );
    expect(refusal({ ...caseworker, agencyId: 'baznas' }).message).toMatch(
      /only with the agency role/,
    );
  });

  it('refuses agency users holding an internal role as well', () => {
    expect(
      refusal({ ...caseworker, roles: ['agency', 'supervisor'], agencyId: 'baznas' }).message,
    ).toMatch(/"agency" cannot be combined/);
  });

  it.each([
    '35.75.04.101',
    '3575041011',
    '35.75.4.1011',
    '35.75.04.0011',
    ' 35.75.04.1011',
    35750410,
  ])('refuses the malformed kelurahan code %p', (code) => {
    const error = refusal({ ...caseworker, kelurahan: [KANDANGSAPI, code] });
    expect(error.claim).toBe('kelurahan');
    expect(error.message).toContain(`malformed kelurahan code ${JSON.stringify(code)}`);
  });

  it('refuses kelurahan given as a single string rather than a list', () => {
    expect(refusal({ ...caseworker, kelurahan: KANDANGSAPI }).claim).toBe('kelurahan');
  });

  it('refuses a caseworker serving no kelurahan, unless they act city-wide as supervisor', () => {
    expect(refusal({ ...caseworker, kelurahan: [] }).message).toMatch(/must list the kelurahan/);
    expect(
      actorFromClaims({ ...caseworker, roles: ['caseworker', 'supervisor'], kelurahan: [] }).roles,
    ).toEqual(['caseworker', 'supervisor']);
  });

  it.each([
    ['sub', { ...caseworker, sub: undefined }],
    ['sub', { ...caseworker, sub: 'budi santoso' }],
    ['sub', { ...caseworker, sub: 42 }],
    ['name', { ...caseworker, name: '   ' }],
  ])('refuses a missing or malformed %s', (claim, claims) => {
    expect(refusal(claims).claim).toBe(claim);
  });
});
