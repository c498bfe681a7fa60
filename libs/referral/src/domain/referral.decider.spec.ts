import { DeciderSpecification } from '@lastri/decider/src/testing';

import {
  ACK_DUE,
  CASE_ID,
  createReferrals,
  DECIDE_DUE,
  PIP_REFERRAL,
  PKH_REFERRAL,
  pipEvents,
  pipReferralCreated,
} from '../testing/referral.fixtures';
import type { ReferralCommand } from './referral.commands';
import { referralDecider } from './referral.decider';
import type { ReferralError } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { evolve, initialState } from './referral.state';
import { fhirTaskStatus } from './fhir-task-status';

const spec = DeciderSpecification.for(referralDecider);
const created = pipReferralCreated();
const pip = { referralId: PIP_REFERRAL, agencyId: 'dinas-pendidikan' };
const at = '2025-11-17T02:00:00.000Z';

const refusedAs = (type: ReferralError['type']) => (refusal: ReferralError) => refusal.type === type;

describe('referral decider', () => {
  describe('creating referrals', () => {
    it('creates and sends one referral per programme to the routed agency', () => {
      spec.given().when(createReferrals()).thenEmits(...created);
    });

    it('creates nothing for the same cause twice', () => {
      spec.given(...created).when(createReferrals()).thenEmits();
    });

    it('creates nothing for a programme the case already has a standing referral for, whatever the cause', () => {
      const again = createReferrals({ cause: { kind: 'ELIGIBILITY_OVERRIDDEN', eventId: PKH_REFERRAL }, referrals: [{ ...createReferrals().data.referrals[0], referralId: PKH_REFERRAL }] });
      spec.given(...created, pipEvents.acknowledged, pipEvents.accepted, pipEvents.started, pipEvents.completed).when(again).thenEmits();
    });

    it('refers a programme again once its referral was cancelled', () => {
      const cancelled: ReferralEvent = {
        type: 'ReferralCancelled',
        data: { ...pip, cancelledAt: at, reasonCode: 'ELIGIBILITY_WITHDRAWN', causationEventId: PKH_REFERRAL },
      };
      const again = createReferrals({ referrals: [{ ...createReferrals().data.referrals[0], referralId: PKH_REFERRAL }] });
      const decision = spec.given(...created, cancelled).when(again).decision as ReferralEvent[];
      expect(decision.map((event) => event.type)).toEqual(['ReferralCreated', 'ReferralSent']);
      expect(decision[0].data.referralId).toBe(PKH_REFERRAL);
    });
  });

  describe('the agency moves its referral along the lifecycle', () => {
    it('acknowledges, accepts, starts the service and completes it', () => {
      spec.given(...created).when({ type: 'Acknowledge', data: { ...pip, at: pipEvents.acknowledged.data.acknowledgedAt } }).thenEmits(pipEvents.acknowledged);
      spec.given(...created, pipEvents.acknowledged).when({ type: 'Accept', data: { ...pip, at: pipEvents.accepted.data.acceptedAt } }).thenEmits(pipEvents.accepted);
      spec.given(...created, pipEvents.acknowledged, pipEvents.accepted).when({ type: 'StartService', data: { ...pip, startedOn: '2026-01-05' } }).thenEmits(pipEvents.started);
      spec
        .given(...created, pipEvents.acknowledged, pipEvents.accepted, pipEvents.started)
        .when({ type: 'Complete', data: { ...pip, completedOn: '2026-02-10', outcome: 'SERVICE_DELIVERED' } })
        .thenEmits(pipEvents.completed);
    });

    it('declines with a reason code and a reason', () => {
      spec
        .given(...created, pipEvents.acknowledged)
        .when({ type: 'Decline', data: { ...pip, at: pipEvents.declined.data.declinedAt, reasonCode: 'CAPACITY', reason: ' Kuota PIP semester ini sudah penuh. ' } })
        .thenEmits(pipEvents.declined);
      spec
        .given(...created)
        .when({ type: 'Decline', data: { ...pip, at, reasonCode: 'OTHER', reason: '  ' } })
        .thenRefuses(refusedAs('ReasonRequired'));
    });

    it('maps every state to a FHIR Task.status', () => {
      const states = [created, [pipEvents.acknowledged], [pipEvents.accepted], [pipEvents.started], [pipEvents.completed]];
      let state = initialState;
      const seen = states.map((events) => {
        state = events.reduce(evolve, state);
        const referral = state.referrals.get(PIP_REFERRAL);
        if (!referral) throw new Error('the referral was not created');
        return fhirTaskStatus(referral.status).status;
      });
      expect(seen).toEqual(['requested', 'received', 'accepted', 'in-progress', 'completed']);
      expect(fhirTaskStatus('DECLINED').status).toBe('rejected');
      expect(fhirTaskStatus('CANCELLED').status).toBe('cancelled');
    });
  });

  describe('refuses illegal transitions', () => {
    const steps: Record<string, ReferralCommand> = {
      Acknowledge: { type: 'Acknowledge', data: { ...pip, at } },
      Accept: { type: 'Accept', data: { ...pip, at } },
      Decline: { type: 'Decline', data: { ...pip, at, reasonCode: 'OTHER', reason: 'Alasan.' } },
      StartService: { type: 'StartService', data: { ...pip, startedOn: '2025-11-20' } },
      Complete: { type: 'Complete', data: { ...pip, completedOn: '2025-11-20', outcome: 'SERVICE_DELIVERED' } },
    };

    it.each([
      ['starting the service before accepting', [...created, pipEvents.acknowledged], 'StartService'],
      ['completing before the service started', [...created, pipEvents.accepted], 'Complete'],
      ['acknowledging after accepting', [...created, pipEvents.accepted], 'Acknowledge'],
      ['accepting a declined referral', [...created, pipEvents.declined], 'Accept'],
      ['declining a referral in service', [...created, pipEvents.accepted, pipEvents.started], 'Decline'],
      ['any step on a completed referral', [...created, pipEvents.accepted, pipEvents.started, pipEvents.completed], 'Decline'],
    ])('%s', (_, history, step) => {
      spec
        .given(...(history as ReferralEvent[]))
        .when(steps[step as string])
        .thenRefuses((refusal) => refusal.type === 'TransitionNotAllowed' && refusal.kind === 'conflict');
    });

    it('answers another agency as if the referral did not exist, and an unknown referral the same', () => {
      spec
        .given(...created)
        .when({ type: 'Accept', data: { referralId: PIP_REFERRAL, agencyId: 'disnaker', at } })
        .thenRefuses({ type: 'ReferralNotFound', kind: 'not-found', referralId: PIP_REFERRAL, message: `Rujukan ${PIP_REFERRAL} tidak ditemukan.` });
      spec.given().when(steps.Acknowledge).thenRefuses(refusedAs('ReferralNotFound'));
    });

    it('does not close a referral twice', () => {
      const closed: ReferralEvent = { type: 'ReferralClosed', data: { ...pip, closedAt: at, reasonCode: 'NO_LONGER_NEEDED', reason: 'Sudah pindah kota.' } };
      spec.given(...created).when({ type: 'Close', data: { referralId: PIP_REFERRAL, at, reasonCode: 'NO_LONGER_NEEDED', reason: 'Sudah pindah kota.' } }).thenEmits(closed);
      spec.given(...created, closed).when({ type: 'Close', data: { referralId: PIP_REFERRAL, at, reasonCode: 'OTHER', reason: 'Lagi.' } }).thenRefuses(refusedAs('TransitionNotAllowed'));
    });
  });

  describe('re-routing a declined referral', () => {
    const reroute: ReferralCommand = {
      type: 'Reroute',
      data: {
        referralId: PIP_REFERRAL,
        toAgencyId: 'baznas',
        newReferralId: PKH_REFERRAL,
        reason: 'BAZNAS menyalurkan beasiswa zakat.',
        at,
        acknowledgeDueAt: ACK_DUE,
        decideDueAt: DECIDE_DUE,
        routingTableVersion: '2025.1',
      },
    };

    it('names the new referral and creates it for the other agency', () => {
      const decision = spec.given(...created, pipEvents.declined).when(reroute).decision as ReferralEvent[];
      expect(decision.map((event) => event.type)).toEqual(['ReferralRerouted', 'ReferralCreated', 'ReferralSent']);
      expect(decision[1].data).toMatchObject({ referralId: PKH_REFERRAL, agencyId: 'baznas', reroutedFrom: PIP_REFERRAL, caseId: CASE_ID, programme: 'PIP' });
    });

    it('refuses a referral that is not declined, one already re-routed, and the same agency', () => {
      spec.given(...created).when(reroute).thenRefuses(refusedAs('TransitionNotAllowed'));
      const rerouted = (spec.given(...created, pipEvents.declined).when(reroute).decision as ReferralEvent[]);
      spec.given(...created, pipEvents.declined, ...rerouted).when(reroute).thenRefuses(refusedAs('AlreadyRerouted'));
      spec
        .given(...created, pipEvents.declined)
        .when({ ...reroute, data: { ...reroute.data, toAgencyId: 'dinas-pendidikan' } } as ReferralCommand)
        .thenRefuses(refusedAs('RerouteToSameAgency'));
    });
  });

  describe('cancelling', () => {
    const cancel = (programme?: 'PIP' | 'PKH'): ReferralCommand => ({
      type: 'CancelReferrals',
      data: { caseId: CASE_ID, ...(programme ? { programme } : {}), reasonCode: 'CASE_WITHDRAWN', causationEventId: PKH_REFERRAL, at },
    });

    it('cancels the open referrals of the case, and nothing when none is open', () => {
      spec
        .given(...created, pipEvents.accepted)
        .when(cancel())
        .thenEmits({ type: 'ReferralCancelled', data: { ...pip, cancelledAt: at, reasonCode: 'CASE_WITHDRAWN', causationEventId: PKH_REFERRAL } });
      spec.given(...created, pipEvents.accepted, pipEvents.started, pipEvents.completed).when(cancel()).thenEmits();
      spec.given(...created).when(cancel('PKH')).thenEmits();
    });
  });

  describe('escalating a missed deadline', () => {
    const escalate = (deadline: 'ACKNOWLEDGE' | 'DECIDE', when: string): ReferralCommand => ({ type: 'Escalate', data: { referralId: PIP_REFERRAL, deadline, at: when } });
    const escalated: ReferralEvent = {
      type: 'ReferralEscalated',
      data: { ...pip, deadline: 'ACKNOWLEDGE', dueAt: ACK_DUE, escalatedAt: ACK_DUE, escalatedTo: 'DINSOS_SUPERVISOR' },
    };

    it('escalates once the due date has passed, and only once per deadline', () => {
      spec.given(...created).when(escalate('ACKNOWLEDGE', '2025-11-18T16:59:59.999Z')).thenRefuses(refusedAs('DeadlineNotPassed'));
      spec.given(...created).when(escalate('ACKNOWLEDGE', ACK_DUE)).thenEmits(escalated);
      spec.given(...created, escalated).when(escalate('ACKNOWLEDGE', DECIDE_DUE)).thenRefuses(refusedAs('AlreadyEscalated'));
    });

    it('does not escalate a deadline the agency met, nor a finished referral', () => {
      spec.given(...created, pipEvents.acknowledged).when(escalate('ACKNOWLEDGE', DECIDE_DUE)).thenRefuses(refusedAs('DeadlineMet'));
      spec.given(...created, pipEvents.declined).when(escalate('DECIDE', DECIDE_DUE)).thenRefuses(refusedAs('DeadlineMet'));
      const decision = spec.given(...created, pipEvents.acknowledged).when(escalate('DECIDE', DECIDE_DUE)).decision as ReferralEvent[];
      expect(decision.map((event) => event.type)).toEqual(['ReferralEscalated']);
    });
  });
});
