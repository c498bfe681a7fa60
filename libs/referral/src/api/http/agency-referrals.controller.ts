/**
 * The partner agency's side: its own referrals only (another agency's answers 404, never 403, so
 * it learns nothing of them), with no more of the resident than its programme needs, and the
 * steps it takes on them.
 */
import { CurrentActor, Roles, type Actor } from '@lastri/auth';
import { requestValidationPipe, uuidParam } from '@lastri/service-host';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { ReferralQueries } from '../../application/queries/referral-queries';
import { ReferralSteps, type AgencyStep } from '../../application/referral-steps/referral-steps';
import { AcceptReferralDto, AgencyReferralsQueryDto, CompleteReferralDto, DeclineReferralDto, StartServiceDto } from '../dto/referral-steps.dto';
import { AGENCY_REFERRAL_VIEW, AGENCY_REFERRAL_VIEWS, AgencyRoute, Answers, ByReferralId, ReferralStep, STORED_EVENT } from './api-docs';
import { agencyOf, commandIssuer } from './command-issuer';
import { orThrow } from './referral-error.exception';
import { ReferralHttpErrors } from './referral-http-errors.filter';

@AgencyRoute()
@Controller('agency/referrals')
@Roles('agency')
@UseFilters(ReferralHttpErrors)
@UsePipes(requestValidationPipe())
export class AgencyReferralsController {
  constructor(
    private readonly queries: ReferralQueries,
    private readonly steps: ReferralSteps,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The referrals addressed to your agency, optionally by status' })
  @Answers(200, 'Your agency’s referrals, oldest first.', AGENCY_REFERRAL_VIEWS)
  list(@Query() query: AgencyReferralsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.forAgency(agencyOf(actor), query.status);
  }

  @Get(':referralId')
  @ApiOperation({ summary: 'One referral addressed to your agency' })
  @Answers(200, 'The referral.', AGENCY_REFERRAL_VIEW)
  @ByReferralId()
  async one(@Param('referralId', uuidParam('referralId')) referralId: string, @CurrentActor() actor: Actor) {
    return orThrow(await this.queries.oneForAgency(agencyOf(actor), referralId));
  }

  @Post(':referralId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm your agency received the referral (FHIR received)' })
  @Answers(200, 'The recorded ReferralAcknowledged.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  acknowledge(@Param('referralId', uuidParam('referralId')) referralId: string, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return this.step(referralId, actor, { step: 'Acknowledge' }, correlationId);
  }

  @Post(':referralId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the referral: your agency will deliver the service (FHIR accepted)' })
  @Answers(200, 'The recorded ReferralAccepted.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  accept(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: AcceptReferralDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.step(referralId, actor, { step: 'Accept', ...body }, correlationId);
  }

  @Post(':referralId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the referral with a reason code and a reason (FHIR rejected)' })
  @Answers(200, 'The recorded ReferralDeclined.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  decline(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: DeclineReferralDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.step(referralId, actor, { step: 'Decline', ...body }, correlationId);
  }

  @Post(':referralId/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'The service started (FHIR in-progress)' })
  @Answers(200, 'The recorded ServiceStarted.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  start(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: StartServiceDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.step(referralId, actor, { step: 'StartService', ...body }, correlationId);
  }

  @Post(':referralId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'The service is finished, with its outcome (FHIR completed)' })
  @Answers(200, 'The recorded ReferralCompleted.', STORED_EVENT)
  @ByReferralId()
  @ReferralStep()
  complete(
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Body() body: CompleteReferralDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.step(referralId, actor, { step: 'Complete', ...body }, correlationId);
  }

  private async step(referralId: string, actor: Actor, step: AgencyStep, correlationId: string | undefined) {
    const stored = orThrow(await this.steps.byAgency(referralId, agencyOf(actor), step, commandIssuer(actor, correlationId)));
    return { eventId: stored.id, type: stored.type, data: stored.data };
  }
}
