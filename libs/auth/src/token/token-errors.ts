/** Why a bearer token was refused; each one is the client's problem (401), never the server's. */
export type TokenRejectionReason =
  | 'malformed'
  | 'bad-signature'
  | 'unknown-key'
  | 'algorithm-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims';

export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  constructor(
    readonly reason: TokenRejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The identity provider's key set could not be fetched (down, slow, answering garbage). The token
 * may be perfectly good, so this is the server's problem (503): a 401 would log users out.
 */
export class KeySourceUnavailableError extends Error {
  override readonly name = 'KeySourceUnavailableError';
}
