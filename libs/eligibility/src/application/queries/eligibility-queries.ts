/** What the API reads: a case's or a resident's eligibility, open reviews, and what a rule-set version changed. */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import type { EventStore } from '@lastri/event-store';

import { caseView, type CaseView } from '../../domain/determination/case-view';
import { CaseNotDetermined, DeterminationNotFound, ReviewNotFound } from '../../domain/determination/eligibility-errors';
import { explainChange, type ProgrammeChange } from '../../domain/determination/explain-change';
import type { Programme } from '../../domain/programmes';
import type { EligibilityCaseIndex, RepublishedDetermination } from '../case-index/eligibility-case-index';
import { EligibilityStream, type EligibilityStreamSnapshot } from '../eligibility-stream';

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

export class EligibilityQueries {
  private readonly stream: EligibilityStream;

  constructor(
    store: EventStore,
    private readonly index: EligibilityCaseIndex,
  ) {
    this.stream = new EligibilityStream(store);
  }

  /** The resident the case belongs to; throws CaseNotDetermined for a case eligibility never determined. */
  async residentOfCase(caseId: string): Promise<string> {
    const residentId = await this.index.residentOf(caseId);
    if (!residentId) throw new CaseNotDetermined(caseId);
    return residentId;
  }

  /** A single determination with the case and resident it belongs to. */
  async determination(determinationId: string): Promise<{ residentId: string; determination: EligibilityDeterminedV1Data }> {
    const location = await this.index.determination(determinationId);
    const determination =
      location &&
      (await this.stream.read(location.residentId)).state.cases
        .get(location.caseId)
        ?.determinations.find((candidate) => candidate.data.determinationId === determinationId)?.data;
    if (!location || !determination) throw new DeterminationNotFound(determinationId);
    return { residentId: location.residentId, determination };
  }

  async locateDetermination(determinationId: string): Promise<{ residentId: string; caseId: string }> {
    const location = await this.index.determination(determinationId);
    if (!location) throw new DeterminationNotFound(determinationId);
    return location;
  }

  async locateReview(reviewId: string): Promise<{ residentId: string; caseId: string }> {
    const location = await this.index.review(reviewId);
    if (!location) throw new ReviewNotFound(reviewId);
    return location;
  }

  async ofCase(caseId: string): Promise<CaseView & { residentId: string }> {
    const residentId = await this.residentOfCase(caseId);
    const { state } = await this.stream.read(residentId);
    const caseState = state.cases.get(caseId);
    const view = caseState && caseView(caseState);
    if (!view) throw new CaseNotDetermined(caseId);
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
