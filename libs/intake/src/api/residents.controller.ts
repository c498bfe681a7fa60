import type { Actor } from '@lastri/auth';
import { CurrentActor, Roles } from '@lastri/auth';
import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { ChangeCircumstancesHandler } from '../application/change-circumstances/change-circumstances.handler';
import { CorrectProfileHandler } from '../application/correct-profile/correct-profile.handler';
import { GetResidentQuery } from '../application/get-resident/get-resident.query';
import { consentView, residentView, type ConsentView, type ResidentView } from '../application/get-resident/resident.view';
import { RecordConsentHandler } from '../application/record-consent/record-consent.handler';
import { RegisterResidentHandler } from '../application/register-resident/register-resident.handler';
import { refuse } from '../domain/intake.errors';
import { WithdrawConsentHandler } from '../application/withdraw-consent/withdraw-consent.handler';
import { Answers, IntakeCommand, OnExisting, READERS, VersionedCommand, WRITERS } from './api-docs';
import { CONSENT_VIEW, RESIDENT_VIEW } from './view-schemas';
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
  @Answers(201, 'Registered. Location: the resident; ETag: the stream version.', RESIDENT_VIEW)
  @IntakeCommand(409)
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
  @Answers(200, 'ETag: the stream version, for If-Match on the next command.', RESIDENT_VIEW)
  @OnExisting('residentId')
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
  @Answers(200, 'The corrected resident.', RESIDENT_VIEW)
  @OnExisting('residentId')
  @IntakeCommand()
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
  @Answers(200, 'The resident as now recorded.', RESIDENT_VIEW)
  @OnExisting('residentId')
  @IntakeCommand()
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
  @Answers(201, 'The recorded consent. Location: the consent.', CONSENT_VIEW)
  @OnExisting('residentId')
  @IntakeCommand()
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
  @Answers(200, 'The consent; ETag: the resident stream version.', CONSENT_VIEW)
  @OnExisting('residentId', 'consentId')
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
  @Answers(200, 'The consent with its withdrawal.', CONSENT_VIEW)
  @OnExisting('residentId', 'consentId')
  @IntakeCommand()
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
