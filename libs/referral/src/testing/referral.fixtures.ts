/** Commands and events of one resident's referral history, for the decider's and handlers' specs. */
import type { CreateReferrals } from '../domain/referral.commands';
import type { ReferralEvent } from '../domain/referral.events';

export const RESIDENT_ID = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
export const CASE_ID = '7e4d2c1b-3a5f-4e8d-b6c9-0f1e2d3c4b5a';
export const DETERMINATION_ID = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c';
export const PIP_REFERRAL = '6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d0e';
export const PKH_REFERRAL = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Friday 14 November 2025, 10:12 WIB. */
export const CREATED_AT = '2025-11-14T03:12:40.000Z';
/** Tuesday 18 November ends: two working days after a Friday. */
export const ACK_DUE = '2025-11-18T17:00:00.000Z';
/** Friday 21 November ends: five working days after. */
export const DECIDE_DUE = '2025-11-21T17:00:00.000Z';

export function createReferrals(overrides: Partial<CreateReferrals['data']> = {}): CreateReferrals {
  return {
    type: 'CreateReferrals',
    data: {
      caseId: CASE_ID,
      residentId: RESIDENT_ID,
      kelurahanCode: '35.75.04.1011',
      determinationId: DETERMINATION_ID,
      cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: DETERMINATION_ID },
      needCategory: 'EDUCATION',
      priority: 'NORMAL',
      routingTableVersion: '2025.1',
      at: CREATED_AT,
      referrals: [
        { referralId: PIP_REFERRAL, programme: 'PIP', agencyId: 'dinas-pendidikan', acknowledgeDueAt: ACK_DUE, decideDueAt: DECIDE_DUE },
      ],
      ...overrides,
    },
  };
}

export function pipReferralCreated(): ReferralEvent[] {
  const data = createReferrals().data;
  return [
    {
      type: 'ReferralCreated',
      data: {
        referralId: PIP_REFERRAL,
        caseId: CASE_ID,
        residentId: RESIDENT_ID,
        kelurahanCode: data.kelurahanCode,
        determinationId: DETERMINATION_ID,
        cause: data.cause,
        programme: 'PIP',
        agencyId: 'dinas-pendidikan',
        needCategory: 'EDUCATION',
        priority: 'NORMAL',
        routingTableVersion: '2025.1',
        createdAt: CREATED_AT,
        acknowledgeDueAt: ACK_DUE,
        decideDueAt: DECIDE_DUE,
      },
    },
    { type: 'ReferralSent', data: { referralId: PIP_REFERRAL, agencyId: 'dinas-pendidikan', sentAt: CREATED_AT, via: 'AGENCY_API' } },
  ];
}

const agency = { referralId: PIP_REFERRAL, agencyId: 'dinas-pendidikan' } as const;

export const pipEvents = {
  acknowledged: { type: 'ReferralAcknowledged', data: { ...agency, acknowledgedAt: '2025-11-17T01:30:00.000Z' } },
  accepted: { type: 'ReferralAccepted', data: { ...agency, acceptedAt: '2025-11-19T02:00:00.000Z' } },
  declined: {
    type: 'ReferralDeclined',
    data: { ...agency, declinedAt: '2025-11-19T02:00:00.000Z', reasonCode: 'CAPACITY', reason: 'Kuota PIP semester ini sudah penuh.' },
  },
  started: { type: 'ServiceStarted', data: { ...agency, startedOn: '2026-01-05' } },
  completed: { type: 'ReferralCompleted', data: { ...agency, completedOn: '2026-02-10', outcome: 'SERVICE_DELIVERED' } },
} as const satisfies Record<string, ReferralEvent>;
