/** A type name that is not in the catalogue: a newer producer, or a typo. */
export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';
  constructor(readonly type: string) {
    super(`${JSON.stringify(type)} is not a LASTRI event type.`);
  }
}

/** A schema version this build does not know: written by a newer producer, or invalid. */
export class UnknownSchemaVersionError extends Error {
  override readonly name = 'UnknownSchemaVersionError';
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly knownVersions: readonly number[],
  ) {
    super(
      `${type} has no schema version ${schemaVersion}; known versions: ${knownVersions.join(', ')}.`,
    );
  }
}
