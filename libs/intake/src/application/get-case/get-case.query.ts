import type { Actor } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { refuse } from '../../domain/intake.errors';
import { CaseLocator } from '../case-locator/case-locator';
import { readAccess } from '../support/access';
import { fail, succeed, type Outcome } from '../support/refusals';
import { loadResident } from '../support/resident-stream';
import { caseView, type CaseView } from './case.view';

@Injectable()
export class GetCaseQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly locator: CaseLocator,
  ) {}

  async handle(caseId: string, actor: Actor): Promise<Outcome<CaseView>> {
    const residentId = await this.locator.residentOf(caseId);
    if (!residentId) return fail(refuse.caseNotFound(caseId));
    const { state, version } = await loadResident(this.store, residentId);
    if (state.status !== 'registered' || version === 'no-stream') return fail(refuse.caseNotFound(caseId));
    const outside = readAccess(actor, state);
    if (outside) return fail(outside);
    const view = caseView(state, caseId, version);
    return view ? succeed(view) : fail(refuse.caseNotFound(caseId));
  }
}
