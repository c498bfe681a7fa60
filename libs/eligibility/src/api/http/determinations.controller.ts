import { CurrentActor, Roles, type Actor } from '@lastri/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AN_OBJECT, Answers, ByIds, CASE_ELIGIBILITY, DETERMINATION, EligibilityCommand, EligibilityRoute, RESIDENT_ELIGIBILITY, STORED_OVERRIDE } from './api-docs';

import { OverrideOutcome } from '../../application/override-outcome/override-outcome';
import { mayReadCase } from '../../application/queries/case-access';
import { EligibilityQueries } from '../../application/queries/eligibility-queries';
import { RerunDetermination } from '../../application/rerun-determination/rerun-determination';
import { OverrideDto } from '../dto/override.dto';
import { ProblemException, requestValidationPipe, uuidParam } from '@lastri/service-host';
import { commandIssuer } from './command-issuer';
import { orThrow } from './eligibility-error.exception';
import { EligibilityHttpErrors } from './eligibility-http-errors.filter';

@EligibilityRoute()
@Controller('determinations')
@UseFilters(EligibilityHttpErrors)
@UsePipes(requestValidationPipe())
export class DeterminationsController {
  constructor(
    private readonly queries: EligibilityQueries,
    private readonly override: OverrideOutcome,
    private readonly rerun: RerunDetermination,
  ) {}

  @Get('cases/:caseId')
  @Roles('caseworker', 'supervisor', 'admin', 'auditor')
  @ApiOperation({
    summary: "A case's eligibility: what holds per programme now, and every determination, review and override (a caseworker: cases of their kelurahan)",
  })
  @Answers(200, 'The case’s eligibility.', CASE_ELIGIBILITY)
  @ByIds('caseId')
  async ofCase(@Param('caseId', uuidParam('caseId')) caseId: string, @CurrentActor() actor: Actor) {
    const view = orThrow(await this.queries.ofCase(caseId));
    if (!mayReadCase(actor, view)) {
      throw new ProblemException({ status: 403, code: 'OutsideKelurahan', detail: 'Anda tidak berwenang untuk kelurahan kasus ini.' });
    }
    return view;
  }

  @Get('residents/:residentId')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: "The eligibility of each of a resident's cases" })
  @Answers(200, 'Each case of the resident with its eligibility; none yet is an empty list.', RESIDENT_ELIGIBILITY)
  @ByIds('residentId')
  ofResident(@Param('residentId', uuidParam('residentId')) residentId: string) {
    return this.queries.ofResident(residentId);
  }

  @Get(':determinationId')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'One determination as recorded' })
  @Answers(200, 'The determination.', DETERMINATION)
  @ByIds('determinationId')
  async one(@Param('determinationId', uuidParam('determinationId')) determinationId: string) {
    return orThrow(await this.queries.determination(determinationId));
  }

  @Post(':determinationId/overrides')
  @HttpCode(201)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Override the rules' outcome for one programme of the current determination, with a mandatory reason" })
  @Answers(201, 'The recorded override.', STORED_OVERRIDE)
  @ByIds('determinationId')
  @EligibilityCommand()
  async overrideOutcome(
    @Param('determinationId', uuidParam('determinationId')) determinationId: string,
    @Body() body: OverrideDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const stored = orThrow(await this.override.handle({ determinationId, ...body }, commandIssuer(actor, correlationId)));
    return { eventId: stored.id, override: stored.data };
  }

  @Get(':determinationId/rerun')
  @Roles('auditor', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Re-run a past determination with its pinned rule-set versions and recorded inputs; reports whether the result is identical, and what differs',
  })
  @Answers(200, 'Whether the re-run is identical, and what differs.', AN_OBJECT)
  @ByIds('determinationId')
  async rerunDetermination(@Param('determinationId', uuidParam('determinationId')) determinationId: string) {
    const { residentId, caseId } = orThrow(await this.queries.locateDetermination(determinationId));
    return orThrow(await this.rerun.run(residentId, caseId, determinationId));
  }
}
