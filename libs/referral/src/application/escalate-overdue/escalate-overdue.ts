/**
 * The deadline check: every referral whose acknowledge or decide deadline has passed without the
 * agency acting is escalated, through the decider, once. The open deadlines come from the events
 * (ReferralIndex, rebuilt from the log after a restart), so nothing is lost by stopping; and with
 * two replicas checking at once, the expected-version append lets one ReferralEscalated through
 * and the decider refuses the other (AlreadyEscalated), which is counted as nothing to do.
 */
import type { StoredEvent } from '@lastri/event-store';
import { deterministicEventId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/referral.decider';
import { isReferralError } from '../../domain/referral.errors';
import type { DeadlineKind } from '../../domain/referral.events';
import { isFinished, type Referral } from '../../domain/referral.state';
import { REFERRAL_DEPENDENCIES, REFERRAL_SERVICE_ACTOR, type ReferralDependencies } from '../referral-dependencies';
import { ReferralIndex } from '../support/referral-index';
import { ReferralStream } from '../support/referral-stream';

/** Part of every escalation's id: never rename it. */
export const ESCALATE_OVERDUE = 'referral.escalate-overdue';

export interface OverdueDeadline {
  readonly referral: Referral;
  readonly deadline: DeadlineKind;
  readonly dueAt: string;
}

@Injectable()
export class EscalateOverdue {
  private readonly stream: ReferralStream;

  constructor(
    @Inject(REFERRAL_DEPENDENCIES) private readonly deps: ReferralDependencies,
    private readonly index: ReferralIndex,
  ) {
    this.stream = new ReferralStream(deps.store);
  }

  /** Escalates what is overdue now; returns the escalations this call stored. */
  async check(): Promise<StoredEvent[]> {
    const now = this.deps.clock.now();
    const overdue = overdueDeadlines(await this.index.all(), now);
    const stored: StoredEvent[] = [];
    for (const { referral, deadline } of overdue) {
      const at = now.toISOString();
      const appended = await this.stream.update(referral.residentId, (state) => {
        const decision = decide({ type: 'Escalate', data: { referralId: referral.referralId, deadline, at } }, state);
        // Another replica, or the agency, got there first: nothing to do.
        if (isReferralError(decision)) return [];
        return decision.map((event) => ({
          event,
          // One id per referral and deadline: even an append without a version check stores it once.
          id: deterministicEventId(referral.referralId, `${ESCALATE_OVERDUE}#${deadline}`),
          metadata: {
            residentId: referral.residentId,
            caseId: referral.caseId,
            correlationId: referral.referralId,
            actor: REFERRAL_SERVICE_ACTOR,
            occurredAt: at,
          },
        }));
      });
      if (!isReferralError(appended)) stored.push(...appended);
    }
    return stored;
  }
}

/** The deadlines passed at `now` that the agency has not met and nobody escalated yet. */
export function overdueDeadlines(referrals: readonly Referral[], now: Date): OverdueDeadline[] {
  const overdue: OverdueDeadline[] = [];
  for (const referral of referrals) {
    if (isFinished(referral)) continue;
    const escalated = (deadline: DeadlineKind) => referral.escalations.some((escalation) => escalation.deadline === deadline);
    const passed = (dueAt: string) => Date.parse(dueAt) <= now.getTime();
    if (referral.acknowledgedAt === undefined && referral.decidedAt === undefined && !escalated('ACKNOWLEDGE') && passed(referral.acknowledgeDueAt)) {
      overdue.push({ referral, deadline: 'ACKNOWLEDGE', dueAt: referral.acknowledgeDueAt });
    }
    if (referral.decidedAt === undefined && !escalated('DECIDE') && passed(referral.decideDueAt)) {
      overdue.push({ referral, deadline: 'DECIDE', dueAt: referral.decideDueAt });
    }
  }
  return overdue;
}
