/**
 * What a partner agency learns about a referral addressed to it, per programme: policy as data
 * (`../partner-policy.json`, reviewed like the routing table), checked when the module starts.
 * Only the fields of PARTNER_FIELDS exist to be granted, so desil, income, health or the case's
 * assessment can never be sent, whatever the file says (UU PDP: no more than the programme needs).
 */
import { assertNever } from '@lastri/kernel';

export const PARTNER_FIELDS = [
  'programme',
  'needCategory',
  'priority',
  'dueDates',
  'resident.name',
  'resident.nikMasked',
  'resident.phone',
  'resident.address',
] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];

export const PROGRAMMES = ['PKH', 'SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK', 'PIP', 'ATENSI', 'PELATIHAN', 'KERJA'] as const;

export interface PartnerPolicy {
  readonly version: string;
  readonly programmes: Readonly<Record<string, readonly PartnerField[]>>;
}

/** Refuses a file that grants an unknown field or leaves a programme out: an agency must never get more by a typo. */
export function parsePartnerPolicy(raw: unknown): PartnerPolicy {
  const value = raw as { version?: unknown; programmes?: Record<string, unknown> };
  if (typeof value?.version !== 'string' || typeof value.programmes !== 'object' || value.programmes === null) {
    throw new Error('partner policy: needs "version" and "programmes".');
  }
  const programmes: Record<string, PartnerField[]> = {};
  for (const programme of PROGRAMMES) {
    const fields = value.programmes[programme];
    if (!Array.isArray(fields)) throw new Error(`partner policy ${value.version}: programme ${programme} is missing.`);
    const unknown = fields.find((field) => !(PARTNER_FIELDS as readonly unknown[]).includes(field));
    if (unknown !== undefined) throw new Error(`partner policy ${value.version}: ${programme} grants unknown field ${JSON.stringify(unknown)}.`);
    programmes[programme] = fields as PartnerField[];
  }
  const extra = Object.keys(value.programmes).find((programme) => !(PROGRAMMES as readonly string[]).includes(programme));
  if (extra !== undefined) throw new Error(`partner policy ${value.version}: unknown programme ${extra}.`);
  return { version: value.version, programmes };
}

export interface ReferralFacts {
  readonly referralId: string;
  readonly agencyId: string;
  readonly programme: string;
  readonly needCategory: string;
  readonly priority: string;
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
}

export interface ResidentContact {
  readonly name: string;
  readonly nikMasked: string;
  readonly phone?: string;
  readonly address: { readonly street: string; readonly rt: string; readonly rw: string; readonly kelurahanCode: string };
}

/** Standard Webhooks' recommended payload: `type`, `timestamp`, `data`. */
export interface PartnerEvent {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function maskNik(nik: string): string {
  return `${nik.slice(0, 6)}${'*'.repeat(Math.max(nik.length - 10, 0))}${nik.slice(-4)}`;
}

/**
 * The event as the agency receives it: always the ids and the step's own codes (never free text:
 * reasons and notes can hold anything), then what the programme's policy grants.
 */
export function minimise(
  policy: PartnerPolicy,
  event: { readonly id: string; readonly type: string; readonly occurredAt: string; readonly data: Readonly<Record<string, unknown>> },
  referral: ReferralFacts,
  resident: ResidentContact | undefined,
): PartnerEvent {
  const data: Record<string, unknown> = { eventId: event.id, referralId: referral.referralId, agencyId: referral.agencyId, ...stepCodes(event.data) };
  const granted = policy.programmes[referral.programme] ?? [];
  const person: Record<string, unknown> = {};
  for (const field of granted) {
    switch (field) {
      case 'programme':
        data.programme = referral.programme;
        break;
      case 'needCategory':
        data.needCategory = referral.needCategory;
        break;
      case 'priority':
        data.priority = referral.priority;
        break;
      case 'dueDates':
        data.acknowledgeDueAt = referral.acknowledgeDueAt;
        data.decideDueAt = referral.decideDueAt;
        break;
      case 'resident.name':
        if (resident) person.name = resident.name;
        break;
      case 'resident.nikMasked':
        if (resident) person.nikMasked = resident.nikMasked;
        break;
      case 'resident.phone':
        if (resident?.phone) person.phone = resident.phone;
        break;
      case 'resident.address':
        if (resident) person.address = resident.address;
        break;
      default:
        return assertNever(field, 'partner field');
    }
  }
  if (Object.keys(person).length > 0) data.resident = person;
  return { type: event.type, timestamp: event.occurredAt, data };
}

const STEP_CODES = ['reasonCode', 'deadline', 'dueAt', 'completedOn', 'startedOn', 'outcome'] as const;

function stepCodes(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const codes: Record<string, unknown> = {};
  for (const key of STEP_CODES) {
    const value = data[key];
    if (typeof value === 'string') codes[key] = value;
  }
  return codes;
}
