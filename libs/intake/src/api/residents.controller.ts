import type { Actor } from '@lastri/auth';
import { CurrentActor, Roles } from '@lastri/auth';
import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { ChangeCircumstancesHandler } from '../application/change-circumstances/change-circumstances.handler';
import { CorrectProfileHandler } from '../application/correct-profile/correct-profile.handler';
import { GetResidentQuery } from '../application/get-resident/get-resident.query';
import { consentView, residentView, type ConsentView, type ResidentView } from '../application/get-resident/resident.view';
import { RecordConsentHandler } from '../application/record-consent/record-consent.handler';
import { RegisterResidentHandler } from '../application/register-resident/register-resident.handler';
import { refuse } from '../domain/intake.errors';
import { WithdrawConsentHandler } from '../application/withdraw-consent/withdraw-consent.handler';
import { READERS, VersionedCommand, WRITERS } from './api-docs';
import { RecordConsentDto, WithdrawConsentDto, toRecordConsentInput, toWithdrawConsentInput } from './dto/consent.dto';
import {
  ChangeCircumstancesDto,
  CorrectProfileDto,
  RegisterResidentDto,
  toChangeCircumstancesInput,
  toCorrectProfileInput,
  toRegisterResidentInput,
} from './dto/resident.dto';
import { IntakeRefusalException } from './http/intake-refusal.filter';
import { CommandRequest, describeResult, type HeaderSink, type RequestCommandContext } from './http/request-context';
import { uuidParam } from '@lastri/service-host';
import { IntakeController } from './intake-controller';
import { unwrap } from './outcome';

@IntakeController('residents')
export class ResidentsController {
  constructor(
    private readonly registerResident: RegisterResidentHandler,
    private readonly correctProfile: CorrectProfileHandler,
    private readonly changeCircumstances: ChangeCircumstancesHandler,
    private readonly recordConsent: RecordConsentHandler,
    private readonly withdrawConsent: WithdrawConsentHandler,
    private readonly getResident: GetResidentQuery,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Register a resident (pendaftaran) with the household on their KK' })
  @ApiCreatedResponse({ description: 'Registered. Location: the resident; ETag: the stream version.' })
  @ApiConflictResponse({ description: 'The NIK is registered already: `existingResident` points at the resident.' })
  @ApiUnprocessableEntityResponse({ description: 'A rule refuses the data (NIK vs birth date, kelurahan, KK head…).' })
  async register(
    @Body() dto: RegisterResidentDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ResidentView> {
    const result = unwrap(await this.registerResident.handle(toRegisterResidentInput(dto), { ...context, staffRole: dto.staffRole }));
    describeResult(response, { version: result.version, location: `/residents/${result.residentId}` });
    return residentView(result.resident, result.version);
  }

  @Get(':residentId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A resident as folded from their intake stream' })
  @ApiOkResponse({ description: 'ETag: the stream version, for If-Match on the next command.' })
  @ApiNotFoundResponse({ description: 'No resident with this id.' })
  async get(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ResidentView> {
    const { resident, version } = unwrap(await this.getResident.handle(residentId, actor));
    describeResult(response, { version });
    return residentView(resident, version);
  }

  @Post(':residentId/corrections')
  @HttpCode(200)
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Correct wrongly recorded data (ResidentProfileCorrected)' })
  @ApiOkResponse({ description: 'The corrected resident.' })
  async correct(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Body() dto: CorrectProfileDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ResidentView> {
    const result = unwrap(await this.correctProfile.handle(residentId, toCorrectProfileInput(dto), context));
    describeResult(response, { version: result.version });
    return residentView(result.resident, result.version);
  }

  @Post(':residentId/circumstance-changes')
  @HttpCode(200)
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Record a change in the resident’s life from a date (CircumstancesChanged)' })
  @ApiOkResponse({ description: 'The resident as now recorded.' })
  async change(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Body() dto: ChangeCircumstancesDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ResidentView> {
    const result = unwrap(await this.changeCircumstances.handle(residentId, toChangeCircumstancesInput(dto), context));
    describeResult(response, { version: result.version });
    return residentView(result.resident, result.version);
  }

  @Post(':residentId/consents')
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Record consent or another legal basis for processing the resident’s data (UU PDP)' })
  @ApiCreatedResponse({ description: 'The recorded consent. Location: the consent.' })
  async consent(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Body() dto: RecordConsentDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsentView> {
    const result = unwrap(await this.recordConsent.handle(residentId, toRecordConsentInput(dto), context));
    describeResult(response, { version: result.version, location: `/residents/${residentId}/consents/${result.consentId}` });
    return consentView(result.resident.consents[result.consentId]);
  }

  @Get(':residentId/consents/:consentId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One consent or legal basis of a resident, with its withdrawals' })
  async getConsent(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsentView> {
    const { resident, version } = unwrap(await this.getResident.handle(residentId, actor));
    const consent = resident.consents[consentId];
    if (!consent) throw new IntakeRefusalException(refuse.consentNotFound(consentId));
    describeResult(response, { version });
    return consentView(consent);
  }

  @Post(':residentId/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Withdraw consent, wholly or for some purposes' })
  @ApiOkResponse({ description: 'The consent with its withdrawal.' })
  async withdraw(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
    @Body() dto: WithdrawConsentDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsentView> {
    const result = unwrap(await this.withdrawConsent.handle(residentId, consentId, toWithdrawConsentInput(dto), context));
    describeResult(response, { version: result.version });
    return consentView(result.resident.consents[consentId]);
  }
}
