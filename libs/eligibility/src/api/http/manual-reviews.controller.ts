import { CurrentActor, Roles, type Actor } from '@lastri/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { Answers, ByIds, EligibilityCommand, EligibilityRoute, OPEN_REVIEWS, STORED_DECISION } from './api-docs';

import { DecideManualReview } from '../../application/decide-manual-review/decide-manual-review';
import { EligibilityQueries } from '../../application/queries/eligibility-queries';
import { ManualReviewDecisionDto } from '../dto/manual-review-decision.dto';
import { requestValidationPipe, uuidParam } from '@lastri/service-host';
import { commandIssuer } from './command-issuer';
import { orThrow } from './eligibility-error.exception';
import { EligibilityHttpErrors } from './eligibility-http-errors.filter';

@EligibilityRoute()
@Controller('manual-reviews')
@UseFilters(EligibilityHttpErrors)
@UsePipes(requestValidationPipe())
export class ManualReviewsController {
  constructor(
    private readonly queries: EligibilityQueries,
    private readonly decideReview: DecideManualReview,
  ) {}

  @Get()
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'Open manual reviews, oldest first: the supervisors’ queue' })
  @Answers(200, 'The open reviews.', OPEN_REVIEWS)
  open() {
    return this.queries.openReviews();
  }

  @Post(':reviewId/decision')
  @HttpCode(201)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Decide a manual review: APPROVED with a decision per programme, REJECTED, or RETURNED_FOR_VERIFICATION' })
  @Answers(201, 'The recorded decision.', STORED_DECISION)
  @ByIds('reviewId')
  @EligibilityCommand()
  async decide(
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: ManualReviewDecisionDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const stored = orThrow(await this.decideReview.handle({ reviewId, ...body }, commandIssuer(actor, correlationId)));
    return { eventId: stored.id, decision: stored.data };
  }
}
