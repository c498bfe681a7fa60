/** Failures that are not refusals: a bug or a store that never settles. Thrown, never returned. */
export class InvalidReferralEvent extends Error {
  override readonly name = 'InvalidReferralEvent';
  constructor(
    readonly eventType: string,
    readonly issues: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(`${eventType} would break its contract: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
  }
}
