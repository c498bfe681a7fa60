/**
 * The Dinas Sosial side: caseworkers see the referrals of residents in their kelurahan,
 * supervisors and admins the city's, auditors all; they re-route a declined referral or close one;
 * supervisors work the queue of escalated deadlines.
 */
import { CurrentActor, Roles, type Actor } from '@lastri/auth';
import { requestValidationPipe, uuidParam } from '@lastri/service-host';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import { ReferralQueries } from '../../application/queries/referral-queries';
import { ReferralSteps } from '../../application/referral-steps/referral-steps';
import { CloseReferralDto, ReferralsQueryDto, RerouteReferralDto } from '../dto/referral-steps.dto';
import { Answers, ByReferralId, ESCALATIONS, REFERRAL_VIEW, REFERRAL_VIEWS, ReferralRoute, ReferralStep, STORED_EVENT } from './api-docs';
import { commandIssuer } from './command-issuer';
import { orThrow } from './referral-error.exception';
import { ReferralHttpErrors } from './referral-http-errors.filter';

@ReferralRoute('referral')
@Controller()
@UseFilters(ReferralHttpErrors)
@UsePipes(requestValidationPipe())
export class ReferralsController {
  constructor(
    private readonly queries: ReferralQueries,
    private readonly steps: ReferralSteps,
  ) {}

  @Get('referrals')
  @Roles('caseworker', 'supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'Referrals in your scope (a caseworker: residents of your kelurahan), by resident, case or status' })
  @Answers(200, 'The referrals, oldest first.', REFERRAL_VIEWS)
  list(@Query() query: ReferralsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.forStaff(actor, query);
  }

  // Declared before `referrals/:referralId` so that "escalations" is never read as an id.
  @Get('referrals/escalations')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'The supervisors’ queue: deadlines agencies missed and have still not met, oldest first' })
  @Answers(200, 'The escalated deadlines.', ESCALATIONS)
  escalations() {
    return this.queries.escalations();
  }

  @Get('referrals/:referralId')
  @Roles('caseworker', 'supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'One referral in your scope' })
  @Answers(200, 'The referral.', REFERRAL_VIEW)
  @ByReferralId()
  async one(@Param('referralId', uuidParam('referralId')) referralId: string, @CurrentActor() actor: Actor) {
    return orThrow(await this.queries.oneForStaff(actor, referralId));
  }

  @Get('residents/:residentId/referrals')
  @Roles('caseworker', 'supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: "A resident's referrals and where each stands" })
  @ApiParam({ name: 'residentId', schema: { type: 'string', format: 'uuid' } })
  @Answers(200, 'The resident’s referrals in your scope; none is an empty list.', REFERRAL_VIEWS)
  ofResident(@Param('residentId', uuidParam('residentId')) residentId: string, @CurrentActor() actor: Actor) {
    return this.queries.ofResident(actor, residentId);
  }

  @Post('referrals/:referralId/reroute')
  @HttpCode(201)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Re-route a declined referral to another agency: a new referral, with new due dates' })
  @Answers(201, 'The new referral’s ReferralCreated.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  async reroute(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: RerouteReferralDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    await this.inScope(actor, referralId);
    const stored = orThrow(await this.steps.reroute(referralId, body, commandIssuer(actor, correlationId)));
    return { eventId: stored.id, type: stored.type, data: stored.data };
  }

  @Post('referrals/:referralId/close')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Close a referral that will not be completed, with a reason' })
  @Answers(200, 'The recorded ReferralClosed.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  async close(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: CloseReferralDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    await this.inScope(actor, referralId);
    const stored = orThrow(await this.steps.close(referralId, body, commandIssuer(actor, correlationId)));
    return { eventId: stored.id, type: stored.type, data: stored.data };
  }

  /** A referral outside the actor's scope is not found for them, as in reading. */
  private async inScope(actor: Actor, referralId: string): Promise<void> {
    orThrow(await this.queries.oneForStaff(actor, referralId));
  }
}
