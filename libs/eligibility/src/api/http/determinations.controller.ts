import { CurrentActor, Roles, type Actor } from '@lastri/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseFilters, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { OverrideOutcome } from '../../application/override-outcome/override-outcome';
import { EligibilityQueries } from '../../application/queries/eligibility-queries';
import { RerunDetermination } from '../../application/rerun-determination/rerun-determination';
import { OverrideDto } from '../dto/override.dto';
import { requestValidationPipe, uuidParam } from '@lastri/service-host';
import { commandIssuer } from './command-issuer';
import { EligibilityHttpErrors } from './eligibility-http-errors.filter';

@ApiTags('eligibility')
@ApiBearerAuth()
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
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: "A case's eligibility: what holds per programme now, and every determination, review and override" })
  ofCase(@Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.queries.ofCase(caseId);
  }

  @Get('residents/:residentId')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: "The eligibility of each of a resident's cases" })
  ofResident(@Param('residentId', uuidParam('residentId')) residentId: string) {
    return this.queries.ofResident(residentId);
  }

  @Get(':determinationId')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'One determination as recorded' })
  one(@Param('determinationId', uuidParam('determinationId')) determinationId: string) {
    return this.queries.determination(determinationId);
  }

  @Post(':determinationId/overrides')
  @HttpCode(201)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Override the rules' outcome for one programme of the current determination, with a mandatory reason" })
  async overrideOutcome(
    @Param('determinationId', uuidParam('determinationId')) determinationId: string,
    @Body() body: OverrideDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const stored = await this.override.handle({ determinationId, ...body }, commandIssuer(actor, correlationId));
    return { eventId: stored.id, override: stored.data };
  }

  @Get(':determinationId/rerun')
  @Roles('auditor', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Re-run a past determination with its pinned rule-set versions and recorded inputs; reports whether the result is identical, and what differs',
  })
  async rerunDetermination(@Param('determinationId', uuidParam('determinationId')) determinationId: string) {
    const { residentId, caseId } = await this.queries.locateDetermination(determinationId);
    return this.rerun.run(residentId, caseId, determinationId);
  }
}
