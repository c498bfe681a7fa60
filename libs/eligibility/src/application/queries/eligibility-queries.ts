/** What the API reads: a case's or a resident's eligibility, open reviews, and what a rule-set version changed. */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';

import { Inject, Injectable } from '@nestjs/common';

import { caseView, type CaseView } from '../../domain/determination/case-view';
import {
  isEligibilityError,
  refuse,
  type CaseNotDetermined,
  type DeterminationNotFound,
  type ReviewNotFound,
} from '../../domain/determination/eligibility.errors';
import { explainChange, type ProgrammeChange } from '../../domain/determination/explain-change';
import type { Programme } from '../../domain/programmes';
import { EligibilityCaseIndex, type RepublishedDetermination } from '../case-index/eligibility-case-index';
import { EligibilityStream, type EligibilityStreamSnapshot } from '../eligibility-stream';

export interface CaseLocation {
  readonly residentId: string;
  readonly caseId: string;
}

export interface ResidentEligibilityView {
  readonly residentId: string;
  readonly cases: readonly CaseView[];
}

export interface OpenReviewView {
  readonly residentId: string;
  readonly caseId: string;
  readonly reviewId: string;
  readonly raisedAt: string;
  readonly programmes: readonly Programme[];
  readonly reasons: CaseView['reviews'][number]['reasons'];
}

export interface VersionChangeView {
  readonly ruleSetId: string;
  readonly version: string;
  readonly cases: readonly {
    readonly residentId: string;
    readonly caseId: string;
    readonly determinationId: string;
    readonly supersedesDeterminationId?: string;
    readonly republicationId?: string;
    readonly fromVersion: string | null;
    readonly determinedAt: string;
    readonly programmes: readonly ProgrammeChange[];
  }[];
}

@Injectable()
export class EligibilityQueries {
  private readonly stream: EligibilityStream;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly index: EligibilityCaseIndex,
  ) {
    this.stream = new EligibilityStream(store);
  }

  /** The resident the case belongs to; CaseNotDetermined for a case eligibility never determined. */
  async residentOfCase(caseId: string): Promise<string | CaseNotDetermined> {
    const residentId = await this.index.residentOf(caseId);
    return residentId ?? refuse.caseNotDetermined(caseId);
  }

  /** A single determination with the case and resident it belongs to. */
  async determination(
    determinationId: string,
  ): Promise<{ residentId: string; determination: EligibilityDeterminedV1Data } | DeterminationNotFound> {
    const location = await this.index.determination(determinationId);
    const determination =
      location &&
      (await this.stream.read(location.residentId)).state.cases
        .get(location.caseId)
        ?.determinations.find((candidate) => candidate.data.determinationId === determinationId)?.data;
    if (!location || !determination) return refuse.determinationNotFound(determinationId);
    return { residentId: location.residentId, determination };
  }

  async locateDetermination(determinationId: string): Promise<CaseLocation | DeterminationNotFound> {
    return (await this.index.determination(determinationId)) ?? refuse.determinationNotFound(determinationId);
  }

  async locateReview(reviewId: string): Promise<CaseLocation | ReviewNotFound> {
    return (await this.index.review(reviewId)) ?? refuse.reviewNotFound(reviewId);
  }

  async ofCase(caseId: string): Promise<(CaseView & { residentId: string }) | CaseNotDetermined> {
    const residentId = await this.residentOfCase(caseId);
    if (isEligibilityError(residentId)) return residentId;
    const { state } = await this.stream.read(residentId);
    const caseState = state.cases.get(caseId);
    const view = caseState && caseView(caseState);
    if (!view) return refuse.caseNotDetermined(caseId);
    return { residentId, ...view };
  }

  async ofResident(residentId: string): Promise<ResidentEligibilityView> {
    const { state } = await this.stream.read(residentId);
    const cases = [...state.cases.values()].flatMap((caseState) => caseView(caseState) ?? []);
    return { residentId, cases };
  }

  async openReviews(): Promise<OpenReviewView[]> {
    const open: OpenReviewView[] = [];
    const snapshots = new Map<string, EligibilityStreamSnapshot>();
    for (const raised of await this.index.raisedReviews()) {
      const snapshot = snapshots.get(raised.residentId) ?? (await this.stream.read(raised.residentId));
      snapshots.set(raised.residentId, snapshot);
      const review = snapshot.state.cases.get(raised.caseId)?.reviews.find((candidate) => candidate.data.reviewId === raised.reviewId);
      if (review?.status !== 'OPEN') continue;
      open.push({
        residentId: raised.residentId,
        caseId: raised.caseId,
        reviewId: raised.reviewId,
        raisedAt: raised.raisedAt,
        programmes: review.openProgrammes,
        reasons: review.data.reasons,
      });
    }
    return open;
  }

  /** The cases whose outcome a republication to this version changed, and why. */
  async changesOfVersion(ruleSetId: string, version: string): Promise<VersionChangeView> {
    const republished = (await this.index.republishedDeterminations()).filter((entry) =>
      entry.ruleSetChanges.some((change) => change.ruleSetId === ruleSetId && change.toVersion === version),
    );
    const snapshots = new Map<string, EligibilityStreamSnapshot>();
    const cases: VersionChangeView['cases'][number][] = [];
    for (const entry of republished) {
      const snapshot = snapshots.get(entry.residentId) ?? (await this.stream.read(entry.residentId));
      snapshots.set(entry.residentId, snapshot);
      const { after, before } = determinationsOf(snapshot, entry);
      if (!after) continue;
      cases.push({
        residentId: entry.residentId,
        caseId: entry.caseId,
        determinationId: entry.determinationId,
        ...(entry.supersedesDeterminationId ? { supersedesDeterminationId: entry.supersedesDeterminationId } : {}),
        ...(entry.republicationId ? { republicationId: entry.republicationId } : {}),
        fromVersion: entry.ruleSetChanges.find((change) => change.ruleSetId === ruleSetId)?.fromVersion ?? null,
        determinedAt: after.determinedAt,
        programmes: before ? explainChange(before, after) : [],
      });
    }
    return { ruleSetId, version, cases };
  }
}

function determinationsOf(
  snapshot: EligibilityStreamSnapshot,
  entry: RepublishedDetermination,
): { after?: EligibilityDeterminedV1Data; before?: EligibilityDeterminedV1Data } {
  const determinations = snapshot.state.cases.get(entry.caseId)?.determinations ?? [];
  const find = (id?: string) => determinations.find((determination) => determination.data.determinationId === id)?.data;
  return { after: find(entry.determinationId), before: find(entry.supersedesDeterminationId) };
}
