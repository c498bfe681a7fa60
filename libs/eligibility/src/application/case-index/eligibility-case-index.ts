/**
 * Which resident a case or review belongs to, which residents have cases at all, and which
 * determinations a republication made: the few cross-resident questions the API and a
 * republication ask. Kept in memory and brought up to date from the store's global log before
 * each answer (only what was appended since the last one is read), so it is never stale and
 * needs no checkpoint of its own; after a restart it is rebuilt on first use.
 */
import type { EligibilityDeterminedV1Data, ManualReviewRequiredV1Data } from '@lastri/contracts';
import { EventTypes, STREAM_PREFIXES, upcastEvent } from '@lastri/contracts';
import { EVENT_STORE, START, type EventStore, type GlobalPosition } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

export interface RepublishedDetermination {
  readonly residentId: string;
  readonly caseId: string;
  readonly determinationId: string;
  readonly supersedesDeterminationId?: string;
  readonly republicationId?: string;
  readonly ruleSetChanges: NonNullable<EligibilityDeterminedV1Data['trigger']['ruleSetChanges']>;
}

/** Where a determination lives: its case and the resident whose stream holds it. */
export interface DeterminationLocation {
  readonly residentId: string;
  readonly caseId: string;
}

export interface RaisedReview {
  readonly residentId: string;
  readonly caseId: string;
  readonly reviewId: string;
  readonly raisedAt: string;
}

const PAGE_SIZE = 500;

@Injectable()
export class EligibilityCaseIndex {
  private position: GlobalPosition = START;
  private readonly residentOfCase = new Map<string, string>();
  private readonly republished: RepublishedDetermination[] = [];
  private readonly reviews = new Map<string, RaisedReview>();
  private readonly determinations = new Map<string, DeterminationLocation>();
  private catchingUp?: Promise<void>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async residentOf(caseId: string): Promise<string | undefined> {
    await this.catchUp();
    return this.residentOfCase.get(caseId);
  }

  async determination(determinationId: string): Promise<DeterminationLocation | undefined> {
    await this.catchUp();
    return this.determinations.get(determinationId);
  }

  async review(reviewId: string): Promise<RaisedReview | undefined> {
    await this.catchUp();
    return this.reviews.get(reviewId);
  }

  async residentsWithCases(): Promise<string[]> {
    await this.catchUp();
    return [...new Set(this.residentOfCase.values())].sort();
  }

  async republishedDeterminations(): Promise<readonly RepublishedDetermination[]> {
    await this.catchUp();
    return [...this.republished];
  }

  /** Reviews ever raised, oldest first; whether each is still open is for the resident's stream to say. */
  async raisedReviews(): Promise<readonly RaisedReview[]> {
    await this.catchUp();
    return [...this.reviews.values()];
  }

  /** One catch-up at a time; callers arriving meanwhile wait for it and then read on from there. */
  private catchUp(): Promise<void> {
    const run = (this.catchingUp ?? Promise.resolve()).then(() => this.readNewEvents());
    this.catchingUp = run.catch(() => undefined);
    return run;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll(this.position, PAGE_SIZE);
      if (page.length === 0) return;
      for (const event of page) {
        if (!event.streamName.startsWith(STREAM_PREFIXES.eligibility)) continue;
        const residentId = event.metadata.residentId;
        if (event.type === EventTypes.EligibilityDetermined) {
          const data = upcastEvent(event).data as EligibilityDeterminedV1Data;
          this.residentOfCase.set(data.caseId, residentId);
          this.determinations.set(data.determinationId, { residentId, caseId: data.caseId });
          if (data.trigger.kind === 'RULES_REPUBLISHED') {
            this.republished.push({
              residentId,
              caseId: data.caseId,
              determinationId: data.determinationId,
              ...(data.trigger.supersedesDeterminationId ? { supersedesDeterminationId: data.trigger.supersedesDeterminationId } : {}),
              ...(data.trigger.republicationId ? { republicationId: data.trigger.republicationId } : {}),
              ruleSetChanges: data.trigger.ruleSetChanges ?? [],
            });
          }
        } else if (event.type === EventTypes.ManualReviewRequired) {
          const data = upcastEvent(event).data as ManualReviewRequiredV1Data;
          this.reviews.set(data.reviewId, { residentId, caseId: data.caseId, reviewId: data.reviewId, raisedAt: event.recordedAt });
        }
      }
      this.position = page[page.length - 1].globalPosition;
    }
  }
}
