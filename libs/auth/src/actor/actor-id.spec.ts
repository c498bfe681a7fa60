import type { Actor } from './actor';
import { actorId } from './actor-id';

const person = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({
  sub: 'budi',
  name: 'Budi Santoso',
  roles,
  kelurahan: ['35.75.04.1011'],
  ...extra,
});

describe('actorId', () => {
  it('is "<role>:<sub>" for office staff', () => {
    expect(actorId(person(['caseworker']))).toBe('caseworker:budi');
    expect(actorId(person(['supervisor']))).toBe('supervisor:budi');
    expect(actorId(person(['auditor']))).toBe('auditor:budi');
  });

  it('names the agency for partner agency users', () => {
    expect(actorId(person(['agency'], { kelurahan: [], agencyId: 'baznas', sub: 'u:17' }))).toBe(
      'agency:baznas:u:17',
    );
  });

  it('records the strongest role of someone holding several, unless told which one they acted in', () => {
    const both = person(['caseworker', 'supervisor']);
    expect(actorId(both)).toBe('supervisor:budi');
    expect(actorId(both, 'caseworker')).toBe('caseworker:budi');
  });

  it('refuses a role the person does not hold', () => {
    expect(() => actorId(person(['caseworker']), 'supervisor')).toThrow(
      /does not hold the role "supervisor"/,
    );
  });
});
