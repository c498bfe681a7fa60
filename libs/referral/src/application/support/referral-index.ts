/**
 * Every resident's referrals, folded with the decider's own `evolve` from the store's global log:
 * what the queries (an agency's queue, a kelurahan's list, the supervisors' escalations) and the
 * deadline check read. Kept in memory and brought up to date before each answer (only what was
 * appended since is read), so it is never stale; after a restart it is rebuilt from the start of
 * the log, which is how the deadlines survive one.
 */
import { STREAM_PREFIXES } from '@lastri/contracts';
import { EVENT_STORE, START, type EventStore, type GlobalPosition } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { evolve, initialState, type Referral, type ReferralState } from '../../domain/referral.state';
import { recordedReferralEvent } from './referral-stream';

const PAGE_SIZE = 500;

@Injectable()
export class ReferralIndex {
  private position: GlobalPosition = START;
  private readonly residents = new Map<string, ReferralState>();
  private readonly residentOfReferral = new Map<string, string>();
  private catchingUp?: Promise<void>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Every referral, in the order they were created. */
  async all(): Promise<Referral[]> {
    await this.catchUp();
    return [...this.residents.values()].flatMap((state) => [...state.referrals.values()]);
  }

  async find(referralId: string): Promise<Referral | undefined> {
    await this.catchUp();
    const residentId = this.residentOfReferral.get(referralId);
    return residentId === undefined ? undefined : this.residents.get(residentId)?.referrals.get(referralId);
  }

  async ofResident(residentId: string): Promise<Referral[]> {
    await this.catchUp();
    return [...(this.residents.get(residentId)?.referrals.values() ?? [])];
  }

  private catchUp(): Promise<void> {
    const run = (this.catchingUp ?? Promise.resolve()).then(() => this.readNewEvents());
    this.catchingUp = run.catch(() => undefined);
    return run;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll(this.position, PAGE_SIZE);
      if (page.length === 0) return;
      for (const stored of page) {
        if (!stored.streamName.startsWith(STREAM_PREFIXES.referral)) continue;
        const event = recordedReferralEvent(stored);
        if (!event) continue;
        const residentId = stored.metadata.residentId;
        this.residents.set(residentId, evolve(this.residents.get(residentId) ?? initialState, event));
        if (event.type === 'ReferralCreated') this.residentOfReferral.set(event.data.referralId, residentId);
      }
      this.position = page[page.length - 1].globalPosition;
    }
  }
}
