/**
 * What referral reads of eligibility's record: the case's latest determination, which says where
 * the resident lives (scoping), the need and its priority, when a review or an override names only
 * the case. Read-only and through the published contracts, as eligibility reads intake (ADR 0001):
 * the contexts share one store.
 */
import type { EligibilityDeterminedV1Data, ManualReviewRequiredV1Data } from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore } from '@lastri/event-store';

/** Narrower than the store: an append to an eligibility stream from referral does not compile. */
export type EligibilityStreamReader = Pick<EventStore, 'readStream'>;

export class EligibilityEventNotInStore extends Error {
  override readonly name = 'EligibilityEventNotInStore';
}

export class EligibilityRecord {
  constructor(private readonly store: EligibilityStreamReader) {}

  /** The case's latest determination; throws EligibilityEventNotInStore when eligibility never determined it here. */
  async latestDetermination(residentId: string, caseId: string): Promise<EligibilityDeterminedV1Data> {
    const latest = (await this.determinations(residentId, caseId)).at(-1);
    if (!latest) throw this.notInStore(residentId, `no determination of case ${caseId}`);
    return latest;
  }

  /** The determination of the case recorded just before `determinationId`, if any; throws when that one is not here. */
  async determinationBefore(residentId: string, caseId: string, determinationId: string): Promise<EligibilityDeterminedV1Data | undefined> {
    const determinations = await this.determinations(residentId, caseId);
    const index = determinations.findIndex((data) => data.determinationId === determinationId);
    if (index < 0) throw this.notInStore(residentId, `no determination ${determinationId}`);
    return determinations[index - 1];
  }

  /** The programmes a manual review was raised for; throws when the review is not here. */
  async reviewProgrammes(residentId: string, reviewId: string): Promise<ManualReviewRequiredV1Data['programmes']> {
    const events = await this.store.readStream(residentStreamName('eligibility', residentId));
    const review = events
      .filter((event) => event.type === EventTypes.ManualReviewRequired)
      .map((event) => upcastEvent(event).data as ManualReviewRequiredV1Data)
      .find((data) => data.reviewId === reviewId);
    if (!review) throw this.notInStore(residentId, `no manual review ${reviewId}`);
    return review.programmes;
  }

  private async determinations(residentId: string, caseId: string): Promise<EligibilityDeterminedV1Data[]> {
    const events = await this.store.readStream(residentStreamName('eligibility', residentId));
    return events
      .filter((event) => event.type === EventTypes.EligibilityDetermined)
      .map((event) => upcastEvent(event).data as EligibilityDeterminedV1Data)
      .filter((data) => data.caseId === caseId);
  }

  private notInStore(residentId: string, what: string): EligibilityEventNotInStore {
    return new EligibilityEventNotInStore(
      `${residentStreamName('eligibility', residentId)} holds ${what}: is the service pointed at the store eligibility writes to?`,
    );
  }
}
