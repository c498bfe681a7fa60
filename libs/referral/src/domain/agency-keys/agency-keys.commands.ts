/**
 * What an operator asks of an agency's keys. The secret is drawn and hashed before the command
 * (randomness stays out of the domain): the decider sees only the new key's id, prefix and hash.
 */
export interface NewKey {
  readonly keyId: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
}

export interface IssueApiKey {
  readonly type: 'IssueApiKey';
  readonly data: {
    readonly agencyId: string;
    readonly key: NewKey;
    readonly issuedAt: string;
    readonly issuedBy: string;
    /** When the key stops working by itself; null for none. */
    readonly expiresAt: string | null;
  };
}

export interface RotateApiKey {
  readonly type: 'RotateApiKey';
  readonly data: {
    readonly agencyId: string;
    /** The key being replaced. */
    readonly keyId: string;
    readonly newKey: NewKey;
    readonly rotatedAt: string;
    readonly rotatedBy: string;
    /** Until when the old key keeps working, so the agency can switch over; rotatedAt for no grace. */
    readonly graceUntil: string;
  };
}

export interface RevokeApiKey {
  readonly type: 'RevokeApiKey';
  readonly data: {
    readonly agencyId: string;
    readonly keyId: string;
    readonly revokedAt: string;
    readonly revokedBy: string;
    readonly reason: string;
  };
}

export type AgencyKeyCommand = IssueApiKey | RotateApiKey | RevokeApiKey;
