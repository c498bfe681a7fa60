import type { Actor } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { refuse } from '../../domain/intake.errors';
import type { RegisteredResident } from '../../domain/intake.state';
import { readAccess } from '../support/access';
import { fail, succeed, type Outcome } from '../support/refusals';
import { loadResident } from '../support/resident-stream';

export interface ReadResident {
  resident: RegisteredResident;
  version: number;
}

/** The resident as folded from their stream now; reporting's projections come later. */
@Injectable()
export class GetResidentQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async handle(residentId: string, actor: Actor): Promise<Outcome<ReadResident>> {
    const { state, version } = await loadResident(this.store, residentId);
    if (state.status !== 'registered' || version === 'no-stream') return fail(refuse.residentNotRegistered(residentId));
    const outside = readAccess(actor, state);
    if (outside) return fail(outside);
    return succeed({ resident: state, version });
  }
}
