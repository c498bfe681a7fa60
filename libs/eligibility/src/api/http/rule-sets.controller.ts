import { CurrentActor, Roles, actorId, type Actor } from '@lastri/auth';
import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { wibDateOf, type Clock } from '@lastri/kernel';

import { EligibilityQueries } from '../../application/queries/eligibility-queries';
import { RepublishRules } from '../../application/republish-rules/republish-rules';
import type { RuleCatalogue } from '../../domain/rules/rule-catalogue';
import { RepublicationDto } from '../dto/republication.dto';
import { ApiProblemResponses, requestValidationPipe } from '@lastri/service-host';
import { AN_OBJECT, Answers, EligibilityCommand, EligibilityRoute, RULE_SETS, VERSION_CHANGES } from './api-docs';
import { ELIGIBILITY_CLOCK, RULE_CATALOGUE } from '../eligibility.tokens';
import { orThrow } from './eligibility-error.exception';
import { EligibilityHttpErrors } from './eligibility-http-errors.filter';

/** The published rules: readable by everyone who reads determinations, republished by supervisors and admins. */
@EligibilityRoute()
@Controller('rule-sets')
@UseFilters(EligibilityHttpErrors)
@UsePipes(requestValidationPipe())
export class RuleSetsController {
  constructor(
    @Inject(RULE_CATALOGUE) private readonly catalogue: RuleCatalogue,
    @Inject(ELIGIBILITY_CLOCK) private readonly clock: Clock,
    private readonly republish: RepublishRules,
    private readonly queries: EligibilityQueries,
  ) {}

  @Get()
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'Every published version of every rule set, and which is in force today' })
  @Answers(200, 'Each published version.', RULE_SETS)
  list() {
    const inForce = new Set(this.catalogue.inForce(wibDateOf(this.clock.now().toISOString())).map(({ contentHash }) => contentHash));
    return this.catalogue.all().map(({ ruleSet, contentHash }) => ({
      id: ruleSet.id,
      version: ruleSet.version,
      programme: ruleSet.programme,
      name: ruleSet.name,
      effectiveFrom: ruleSet.effectiveFrom,
      source: ruleSet.source,
      contentHash,
      inForceToday: inForce.has(contentHash),
    }));
  }

  @Get(':ruleSetId/versions/:version')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'One rule-set version as published, with its content hash' })
  @Answers(200, 'The version and its content hash.', AN_OBJECT)
  @ApiProblemResponses(404)
  version(@Param('ruleSetId') ruleSetId: string, @Param('version') version: string) {
    const published = this.catalogue.find(ruleSetId, version);
    if (!published) throw new NotFoundException(`There is no rule set ${ruleSetId} version ${version}.`);
    return { contentHash: published.contentHash, ruleSet: published.ruleSet };
  }

  @Get(':ruleSetId/versions/:version/changes')
  @Roles('supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: 'The cases whose outcome changed when this version was republished, and why' })
  @Answers(200, 'The changed cases.', VERSION_CHANGES)
  @ApiProblemResponses(404)
  changes(@Param('ruleSetId') ruleSetId: string, @Param('version') version: string) {
    if (!this.catalogue.find(ruleSetId, version)) throw new NotFoundException(`There is no rule set ${ruleSetId} version ${version}.`);
    return this.queries.changesOfVersion(ruleSetId, version);
  }

  @Post('republications')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'Make the versions in force on a day (default today) the rules of every open case; appends determinations only where an outcome changes and reports them',
  })
  @Answers(200, 'What the republication changed.', AN_OBJECT)
  @EligibilityCommand()
  async republishRules(@Body() body: RepublicationDto, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    const report = await this.republish.run({
      ...(body.asOf ? { asOf: body.asOf } : {}),
      actor: actorId(actor, actor.roles.includes('supervisor') ? 'supervisor' : 'admin'),
      ...(correlationId ? { correlationId } : {}),
    });
    return orThrow(report);
  }
}
