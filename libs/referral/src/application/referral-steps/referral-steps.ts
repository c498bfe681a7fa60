/**
 * The steps people take on a referral through the API: the agency's (acknowledge, accept,
 * decline, start, complete) and the caseworker's or supervisor's (re-route a declined referral,
 * close). Each is decided on the resident's stream as it stands and recorded as the issuer's;
 * a refusal comes back as a value.
 */
import type { StoredEvent } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { isAgencyId } from '../../domain/agencies';
import type { Accept, Close, Complete, Decline, ReferralCommand, StartService } from '../../domain/referral.commands';
import { decide } from '../../domain/referral.decider';
import { isReferralError, refuse, type ReferralError } from '../../domain/referral.errors';
import { dueDatesOf } from '../../domain/routing/deadlines';
import { REFERRAL_DEPENDENCIES, type CommandIssuer, type ReferralDependencies } from '../referral-dependencies';
import { ReferralIndex } from '../support/referral-index';
import { ReferralStream } from '../support/referral-stream';

type Without<C extends { data: object }, K extends string> = Omit<C['data'], K>;

export type AgencyStep =
  | { readonly step: 'Acknowledge' }
  | ({ readonly step: 'Accept' } & Without<Accept, 'referralId' | 'agencyId' | 'at'>)
  | ({ readonly step: 'Decline' } & Without<Decline, 'referralId' | 'agencyId' | 'at'>)
  | ({ readonly step: 'StartService' } & Without<StartService, 'referralId' | 'agencyId'>)
  | ({ readonly step: 'Complete' } & Without<Complete, 'referralId' | 'agencyId'>);

@Injectable()
export class ReferralSteps {
  private readonly stream: ReferralStream;

  constructor(
    @Inject(REFERRAL_DEPENDENCIES) private readonly deps: ReferralDependencies,
    private readonly index: ReferralIndex,
  ) {
    this.stream = new ReferralStream(deps.store);
  }

  /** An agency's step on a referral addressed to it; any other referral is not found. */
  async byAgency(referralId: string, agencyId: string, step: AgencyStep, issuer: CommandIssuer): Promise<StoredEvent | ReferralError> {
    const at = this.deps.clock.now().toISOString();
    const { step: type, ...rest } = step;
    const command = { type, data: { referralId, agencyId, at, ...rest } } as ReferralCommand;
    return this.issue(referralId, () => command, issuer);
  }

  async close(referralId: string, input: Without<Close, 'referralId' | 'at'>, issuer: CommandIssuer): Promise<StoredEvent | ReferralError> {
    const at = this.deps.clock.now().toISOString();
    return this.issue(referralId, () => ({ type: 'Close', data: { referralId, at, ...input } }), issuer);
  }

  /** A declined referral to another agency: a new referral, due in working days from now. Returns the new referral's ReferralCreated. */
  async reroute(referralId: string, input: { toAgencyId: string; reason: string }, issuer: CommandIssuer): Promise<StoredEvent | ReferralError> {
    if (!isAgencyId(input.toAgencyId)) return refuse.agencyUnknown(input.toAgencyId);
    const toAgencyId = input.toAgencyId;
    const at = this.deps.clock.now().toISOString();
    const route = this.deps.routing;
    const referral = await this.index.find(referralId);
    const programmeRoute = referral && route.routes.find((candidate) => candidate.programme === referral.programme);
    const days = programmeRoute ?? { ackWithinWorkingDays: 2, decideWithinWorkingDays: 5 };
    const newReferralId = newId();
    return this.issue(
      referralId,
      () => ({
        type: 'Reroute',
        data: { referralId, toAgencyId, newReferralId, reason: input.reason, at, routingTableVersion: route.version, ...dueDatesOf(at, days, this.deps.calendar) },
      }),
      issuer,
      'ReferralCreated',
    );
  }

  private async issue(
    referralId: string,
    command: () => ReferralCommand,
    issuer: CommandIssuer,
    answer?: StoredEvent['type'],
  ): Promise<StoredEvent | ReferralError> {
    const referral = await this.index.find(referralId);
    if (!referral) return refuse.referralNotFound(referralId);
    const stored = await this.stream.update(
      referral.residentId,
      (state) => {
        const decision = decide(command(), state);
        if (isReferralError(decision)) return decision;
        const correlationId = issuer.correlationId ?? newId();
        return decision.map((event) => ({
          event,
          id: newId(),
          metadata: {
            residentId: referral.residentId,
            caseId: referral.caseId,
            correlationId,
            actor: issuer.actor,
            occurredAt: this.deps.clock.now().toISOString(),
          },
        }));
      },
      { contractBreachIsInput: true },
    );
    if (isReferralError(stored)) return stored;
    return stored.find((event) => event.type === answer) ?? stored[0];
  }
}
