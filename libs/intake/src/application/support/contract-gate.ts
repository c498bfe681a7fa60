/**
 * The last check before an append — every event against its published JSON Schema and the
 * metadata against the envelope schema — is the command handler's (@lastri/decider); here its
 * answer is put in intake's words, with the fields named as requests name them. The decider and
 * the request validation should already have caught everything; what gets through to here is
 * refused rather than stored, because a stored event is forever and consumers trust the contract.
 */
import type { ValidationIssue } from '@lastri/contracts';
import {
  contractViolation,
  isHandlerContractViolation,
  isHandlerVersionConflict,
  type ContractViolation,
  type VersionConflict,
} from '@lastri/decider';
import type { NewEvent } from '@lastri/event-store';

import {
  refuseApplication,
  type EventContractViolation,
  type IntakeRefusal,
  type Problem,
} from './refusals';

/** The command handler's own refusals in intake's words; intake's pass through. */
export function intakeRefusalOf(
  refusal: IntakeRefusal | VersionConflict | ContractViolation,
): IntakeRefusal {
  if (isHandlerVersionConflict(refusal))
    return refuseApplication.versionConflict(refusal.expected, refusal.actual);
  if (isHandlerContractViolation(refusal)) return eventContractViolation(refusal);
  return refusal;
}

/** The gate for events appended outside the command handler (the NIK reservation streams). */
export function eventContractRefusal(
  events: readonly NewEvent[],
): EventContractViolation | undefined {
  const violation = contractViolation(events);
  return violation && eventContractViolation(violation);
}

function eventContractViolation({
  eventType,
  part,
  issues,
}: ContractViolation): EventContractViolation {
  return refuseApplication.eventContract(
    eventType,
    issues.map((issue) => toProblem(issue, part === 'metadata' ? 'metadata' : '')),
  );
}

/** `/householdMembers/1/nik` → `householdMembers[1].nik`: the way request fields are named. */
export function fieldOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : path ? `${path}.${step}` : step),
      '',
    );
}

function toProblem(issue: ValidationIssue, prefix = ''): Problem {
  const field = fieldOfPointer(issue.path);
  return {
    field: prefix ? (field ? `${prefix}.${field}` : prefix) : field || '(body)',
    rule: `contract:${issue.keyword}`,
    message: CONTRACT_RULE[issue.keyword] ?? `tidak memenuhi kontrak event (${issue.keyword})`,
  };
}

/** The schema validator speaks English; the caseworker reads the refusal in Bahasa Indonesia. */
const CONTRACT_RULE: Readonly<Record<string, string>> = {
  required: 'wajib diisi',
  type: 'jenis nilainya salah',
  format: 'formatnya salah',
  pattern: 'bentuknya salah',
  enum: 'bukan salah satu nilai yang diizinkan',
  const: 'bukan nilai yang diizinkan',
  minLength: 'terlalu pendek',
  maxLength: 'terlalu panjang',
  minimum: 'terlalu kecil',
  exclusiveMinimum: 'terlalu kecil',
  maximum: 'terlalu besar',
  exclusiveMaximum: 'terlalu besar',
  minItems: 'isinya terlalu sedikit',
  maxItems: 'isinya terlalu banyak',
  uniqueItems: 'isinya tidak boleh kembar',
  additionalProperties: 'field ini tidak dikenal',
};
