import { deterministicEventId, uuidV5 } from './ids';

describe('ids', () => {
  it('computes RFC 4122 version-5 UUIDs (the DNS-namespace vector for "python.org")', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('gives the same event id for the same cause and handler, and a different one otherwise', () => {
    const cause = '0b0f4cbe-0f7e-4c3e-9d57-5a2a4ad0c1aa';
    expect(deterministicEventId(cause, 'evaluate-eligibility')).toBe(deterministicEventId(cause, 'evaluate-eligibility'));
    expect(deterministicEventId(cause, 'evaluate-eligibility')).not.toBe(deterministicEventId(cause, 'create-referrals'));
  });
});
