/** A rule file that cannot be applied: refused at load, with every problem found, never at a case. */
export class RuleSetInvalidError extends Error {
  override readonly name = 'RuleSetInvalidError';
  constructor(
    /** Where the rule set came from, e.g. its file path. */
    readonly origin: string,
    readonly problems: readonly string[],
  ) {
    super(`Rule set ${origin} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The rule sets together contradict each other (two files for one version, versions out of date order). */
export class RuleCatalogueError extends Error {
  override readonly name = 'RuleCatalogueError';
}
