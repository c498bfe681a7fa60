/**
 * Eligibility's outcomes → referrals. A determination refers every eligible programme and cancels
 * the open referrals of programmes no longer eligible, where it changes the rules' outcome (see
 * `determined`); an approved manual review refers the
 * programmes it approved; an override refers, or cancels, its one programme. Each referral goes to
 * the agency the routing table names, with due dates in working days from now; a case intake
 * records as withdrawn is referred nowhere. Ids derive from the
 * cause, and the decider skips a programme the case already has a standing referral for, so a
 * redelivered message or a replay of the whole log creates nothing new.
 */
import type { EligibilityDeterminedV1Data, EligibilityOverriddenV1Data, ManualReviewDecidedV1Data } from '@lastri/contracts';
import type { StoredEvent } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import type { ReferralCommand } from '../../domain/referral.commands';
import { decide } from '../../domain/referral.decider';
import { isReferralError, type ReferralError } from '../../domain/referral.errors';
import type { Programme, ReferralCause, ReferralEvent } from '../../domain/referral.events';
import { evolve, type ReferralState } from '../../domain/referral.state';
import { dueDatesOf } from '../../domain/routing/deadlines';
import { routeOf } from '../../domain/routing/routing-table';
import { REFERRAL_DEPENDENCIES, type EventReceived, type ReferralDependencies } from '../referral-dependencies';
import { EligibilityRecord } from '../support/eligibility-record';
import { IntakeContact } from '../support/intake-contact';
import { reactionEvents, referralIdOf } from '../support/reaction';
import { ReferralStream } from '../support/referral-stream';

/** Part of every id this handler produces: never rename it. */
export const REFER_ON_ELIGIBILITY = 'referral.refer-on-eligibility';

interface Reaction {
  readonly caseId: string;
  readonly cause: ReferralCause;
  /** Where the case stands: scoping, need and priority come from its determination. */
  readonly determination: EligibilityDeterminedV1Data;
  readonly refer: readonly Programme[];
  readonly cancel: readonly Programme[];
}

@Injectable()
export class ReferOnEligibility {
  private readonly stream: ReferralStream;
  private readonly eligibility: EligibilityRecord;
  private readonly intake: IntakeContact;

  constructor(@Inject(REFERRAL_DEPENDENCIES) private readonly deps: ReferralDependencies) {
    this.stream = new ReferralStream(deps.store);
    this.eligibility = new EligibilityRecord(deps.store);
    this.intake = new IntakeContact(deps.store);
  }

  /**
   * Acts on the programmes whose rule outcome this determination settles anew: all of them for a
   * (re)submitted case, else those whose outcome differs from the case's previous determination.
   * Where the outcome stayed the same, a supervisor's decision on it (an approved review, an
   * override) still stands in eligibility, so the referral it made, or cancelled, stays as it is.
   */
  async determined(event: EventReceived<EligibilityDeterminedV1Data>): Promise<StoredEvent[]> {
    const { data } = event;
    // Read even for a first determination: one this store does not hold is dead-lettered, not
    // acted on (the service would otherwise refer residents of another deployment's store).
    const before = await this.eligibility.determinationBefore(event.residentId, data.caseId, data.determinationId);
    const previous = data.trigger.kind === 'CASE_SUBMITTED' ? undefined : before;
    const settled = data.programmes.filter(
      (programme) => previous?.programmes.find((before) => before.programme === programme.programme)?.outcome !== programme.outcome,
    );
    return this.react(event, {
      caseId: data.caseId,
      cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: event.id },
      determination: data,
      refer: settled.filter((programme) => programme.eligible).map((programme) => programme.programme),
      cancel: settled.filter((programme) => programme.outcome === 'NOT_ELIGIBLE').map((programme) => programme.programme),
    });
  }

  /** APPROVED refers what it approves and cancels what it refuses; REJECTED cancels the review's programmes. */
  async reviewDecided(event: EventReceived<ManualReviewDecidedV1Data>): Promise<StoredEvent[]> {
    const { data } = event;
    if (data.decision === 'RETURNED_FOR_VERIFICATION') return [];
    const decided = data.decision === 'APPROVED' ? (data.programmes ?? []) : (await this.eligibility.reviewProgrammes(event.residentId, data.reviewId)).map((programme) => ({ programme, eligible: false }));
    return this.react(event, {
      caseId: data.caseId,
      cause: { kind: 'MANUAL_REVIEW_APPROVED', eventId: event.id },
      determination: await this.eligibility.latestDetermination(event.residentId, data.caseId),
      refer: decided.filter((programme) => programme.eligible).map((programme) => programme.programme),
      cancel: decided.filter((programme) => !programme.eligible).map((programme) => programme.programme),
    });
  }

  async overridden(event: EventReceived<EligibilityOverriddenV1Data>): Promise<StoredEvent[]> {
    const { data } = event;
    return this.react(event, {
      caseId: data.caseId,
      cause: { kind: 'ELIGIBILITY_OVERRIDDEN', eventId: event.id },
      determination: await this.eligibility.latestDetermination(event.residentId, data.caseId),
      refer: data.eligible ? [data.programme] : [],
      cancel: data.eligible ? [] : [data.programme],
    });
  }

  private async react(cause: EventReceived<unknown>, reaction: Reaction): Promise<StoredEvent[]> {
    const at = this.deps.clock.now().toISOString();
    const { determination } = reaction;
    const refer = reaction.refer.length > 0 && (await this.intake.caseWithdrawn(cause.residentId, reaction.caseId)) ? [] : reaction.refer;
    const commands: ReferralCommand[] = [
      {
        type: 'CreateReferrals',
        data: {
          caseId: reaction.caseId,
          residentId: cause.residentId,
          kelurahanCode: determination.inputs.resident.kelurahanCode,
          determinationId: determination.determinationId,
          cause: reaction.cause,
          needCategory: determination.inputs.case.needCategory,
          priority: determination.inputs.case.priority,
          routingTableVersion: this.deps.routing.version,
          at,
          referrals: refer.map((programme) => {
            const route = routeOf(this.deps.routing, programme);
            return { referralId: referralIdOf(cause.id, programme), programme, agencyId: route.agencyId, ...dueDatesOf(at, route, this.deps.calendar) };
          }),
        },
      },
      ...reaction.cancel.map(
        (programme): ReferralCommand => ({
          type: 'CancelReferrals',
          data: { caseId: reaction.caseId, programme, reasonCode: 'ELIGIBILITY_WITHDRAWN', causationEventId: cause.id, at },
        }),
      ),
    ];
    const stored = await this.stream.update(cause.residentId, (state) => {
      const events = decideAll(commands, state);
      return isReferralError(events) ? events : reactionEvents(cause, REFER_ON_ELIGIBILITY, events, { caseId: reaction.caseId, at });
    });
    // Creating and cancelling never refuse; a refusal here is a bug.
    if (isReferralError(stored)) throw new Error(`Referral reaction to ${cause.type} ${cause.id} refused: ${stored.message}`);
    return stored;
  }
}

/** Several commands decided one after the other, each on the state the ones before left. */
export function decideAll(commands: readonly ReferralCommand[], state: ReferralState): ReferralEvent[] | ReferralError {
  const events: ReferralEvent[] = [];
  let current = state;
  for (const command of commands) {
    const decision = decide(command, current);
    if (isReferralError(decision)) return decision;
    events.push(...decision);
    current = decision.reduce(evolve, current);
  }
  return events;
}
