/** Who uses LASTRI (docs/architecture.md, "Who uses it"); a token role outside this list is refused. */
export const ROLES = ['caseworker', 'supervisor', 'auditor', 'agency', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
