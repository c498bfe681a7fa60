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

import { caseView, type CaseView } from '../application/get-case/case.view';
import { GetCaseQuery } from '../application/get-case/get-case.query';
import { OpenCaseHandler } from '../application/open-case/open-case.handler';
import { RecordAssessmentHandler } from '../application/record-assessment/record-assessment.handler';
import { RecordHomeVisitHandler } from '../application/record-home-visit/record-home-visit.handler';
import type { CommandResult } from '../application/shared/resident-command.runner';
import { SubmitCaseHandler } from '../application/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from '../application/withdraw-case/withdraw-case.handler';
import { READERS, VersionedCommand, WRITERS } from './api-docs';
import {
  OpenCaseDto,
  RecordAssessmentDto,
  RecordHomeVisitDto,
  SubmitCaseDto,
  WithdrawCaseDto,
  toOpenCaseInput,
  toRecordAssessmentInput,
  toRecordHomeVisitInput,
} from './dto/case.dto';
import { CommandRequest, describeResult, type HeaderSink, type RequestCommandContext } from './http/request-context';
import { uuidParam } from '@lastri/service-host';
import { IntakeController } from './intake-controller';
import { unwrap } from './outcome';

@IntakeController('cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCaseHandler,
    private readonly recordAssessment: RecordAssessmentHandler,
    private readonly recordHomeVisit: RecordHomeVisitHandler,
    private readonly submitCase: SubmitCaseHandler,
    private readonly withdrawCase: WithdrawCaseHandler,
    private readonly getCase: GetCaseQuery,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Open a case for a registered resident; the vulnerable get priority' })
  @ApiCreatedResponse({ description: 'Opened. Location: the case; ETag: the resident stream version.' })
  @ApiNotFoundResponse({ description: 'No resident with this residentId.' })
  async open(
    @Body() dto: OpenCaseDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const result = unwrap(await this.openCase.handle(toOpenCaseInput(dto), { ...context, staffRole: dto.staffRole }));
    describeResult(response, { version: result.version, location: `/cases/${result.caseId}` });
    return viewOf(result, result.caseId);
  }

  @Get(':caseId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A case, with what it still lacks before submission' })
  @ApiOkResponse({ description: 'ETag: the version of the resident stream holding the case.' })
  @ApiNotFoundResponse({ description: 'No case with this id.' })
  async get(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const view = unwrap(await this.getCase.handle(caseId, actor));
    describeResult(response, { version: view.version });
    return view;
  }

  @Post(':caseId/assessments')
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Record the household assessment (cek data); a later one replaces it' })
  @ApiCreatedResponse({ description: 'The case with its assessment.' })
  @ApiConflictResponse({ description: 'The case is submitted or withdrawn, or If-Match is stale.' })
  async assess(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RecordAssessmentDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const result = unwrap(
      await this.recordAssessment.handle(caseId, toRecordAssessmentInput(dto), { ...context, staffRole: dto.staffRole }),
    );
    describeResult(response, { version: result.version });
    return viewOf(result, caseId);
  }

  @Post(':caseId/home-visits')
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Record a home visit (kunjungan rumah) and its verdict' })
  @ApiCreatedResponse({ description: 'The case with the visit.' })
  async visit(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RecordHomeVisitDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const result = unwrap(
      await this.recordHomeVisit.handle(caseId, toRecordHomeVisitInput(dto), { ...context, staffRole: dto.staffRole }),
    );
    describeResult(response, { version: result.version });
    return viewOf(result, caseId);
  }

  @Post(':caseId/submission')
  @HttpCode(200)
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Submit the case for an eligibility decision' })
  @ApiOkResponse({ description: 'Submitted: CaseSubmitted carries the snapshot eligibility decides on.' })
  @ApiUnprocessableEntityResponse({ description: 'Not ready: `errors` lists what is missing (consent, assessment…).' })
  async submit(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: SubmitCaseDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const result = unwrap(await this.submitCase.handle(caseId, { ...context, staffRole: dto.staffRole }));
    describeResult(response, { version: result.version });
    return viewOf(result, caseId);
  }

  @Post(':caseId/withdrawal')
  @HttpCode(200)
  @Roles(...WRITERS)
  @VersionedCommand()
  @ApiOperation({ summary: 'Withdraw the case, open or submitted' })
  @ApiOkResponse({ description: 'The withdrawn case.' })
  async withdraw(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: WithdrawCaseDto,
    @CommandRequest() context: RequestCommandContext,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CaseView> {
    const result = unwrap(await this.withdrawCase.handle(caseId, { reason: dto.reason }, context));
    describeResult(response, { version: result.version });
    return viewOf(result, caseId);
  }
}

function viewOf(result: CommandResult, caseId: string): CaseView {
  const view = caseView(result.resident, caseId, result.version);
  if (!view) throw new Error(`Case ${caseId} missing from resident ${result.residentId} right after a command on it.`);
  return view;
}
