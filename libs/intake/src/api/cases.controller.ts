import type { Actor } from '@lastri/auth';
import { CurrentActor, Roles } from '@lastri/auth';
import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { caseView, type CaseView } from '../application/get-case/case.view';
import { GetCaseQuery } from '../application/get-case/get-case.query';
import { OpenCaseHandler } from '../application/open-case/open-case.handler';
import { RecordAssessmentHandler } from '../application/record-assessment/record-assessment.handler';
import { RecordHomeVisitHandler } from '../application/record-home-visit/record-home-visit.handler';
import type { CommandResult } from '../application/support/resident-command.runner';
import { SubmitCaseHandler } from '../application/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from '../application/withdraw-case/withdraw-case.handler';
import { Answers, IntakeCommand, OnExisting, READERS, VersionedCommand, WRITERS } from './api-docs';
import { CASE_VIEW } from './view-schemas';
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
import { ApiProblemResponses, uuidParam } from '@lastri/service-host';
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
  @Answers(201, 'Opened. Location: the case; ETag: the resident stream version.', CASE_VIEW)
  @ApiProblemResponses(404)
  @IntakeCommand()
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
  @Answers(200, 'ETag: the version of the resident stream holding the case.', CASE_VIEW)
  @OnExisting('caseId')
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
  @Answers(201, 'The case with its assessment.', CASE_VIEW)
  @OnExisting('caseId')
  @IntakeCommand()
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
  @Answers(201, 'The case with the visit.', CASE_VIEW)
  @OnExisting('caseId')
  @IntakeCommand()
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
  @Answers(200, 'Submitted: CaseSubmitted carries the snapshot eligibility decides on. 422 when not ready: `errors` lists what is missing.', CASE_VIEW)
  @OnExisting('caseId')
  @IntakeCommand()
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
  @Answers(200, 'The withdrawn case.', CASE_VIEW)
  @OnExisting('caseId')
  @IntakeCommand()
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
