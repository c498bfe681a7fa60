/**
 * The intake context as one Nest module: residents, households, consent and cases, over HTTP.
 * It does not know its host. It needs, from whoever imports it:
 * - the event store under EVENT_STORE (EventStoreModule.forRoot / forStore, global);
 * - AuthModule.forRoot, imported once by the host, for the global guard behind @Roles;
 * - the options below.
 * Validation, error mapping and correlation ids are bound to its own controllers, so they hold
 * whatever the host configures globally.
 */
import { systemClock } from '@lastri/kernel';
import { Module, type DynamicModule } from '@nestjs/common';

import { CaseLocator } from './application/case-locator/case-locator';
import { ChangeCircumstancesHandler } from './application/change-circumstances/change-circumstances.handler';
import { CorrectProfileHandler } from './application/correct-profile/correct-profile.handler';
import { GetCaseQuery } from './application/get-case/get-case.query';
import { GetResidentQuery } from './application/get-resident/get-resident.query';
import { NikRegistry } from './application/nik-registry/nik-registry';
import { OpenCaseHandler } from './application/open-case/open-case.handler';
import { RecordAssessmentHandler } from './application/record-assessment/record-assessment.handler';
import { RecordConsentHandler } from './application/record-consent/record-consent.handler';
import { RecordHomeVisitHandler } from './application/record-home-visit/record-home-visit.handler';
import { RegisterResidentHandler } from './application/register-resident/register-resident.handler';
import { CaseCommandRunner } from './application/support/case-command.runner';
import {
  INTAKE_CLOCK,
  INTAKE_OPTIONS,
  MIN_NIK_PEPPER_LENGTH,
  type IntakeOptions,
} from './application/support/intake-options';
import { ResidentCommandRunner } from './application/support/resident-command.runner';
import { SubmitCaseHandler } from './application/submit-case/submit-case.handler';
import { WithdrawCaseHandler } from './application/withdraw-case/withdraw-case.handler';
import { WithdrawConsentHandler } from './application/withdraw-consent/withdraw-consent.handler';
import { CasesController } from './api/cases.controller';
import { KelurahanController } from './api/kelurahan.controller';
import { ResidentsController } from './api/residents.controller';

@Module({})
export class IntakeModule {
  static forRoot(options: IntakeOptions): DynamicModule {
    if (options.nikPepper.length < MIN_NIK_PEPPER_LENGTH) {
      throw new RangeError(`IntakeModule: nikPepper must be at least ${MIN_NIK_PEPPER_LENGTH} characters of secret.`);
    }
    return {
      module: IntakeModule,
      controllers: [ResidentsController, CasesController, KelurahanController],
      providers: [
        { provide: INTAKE_OPTIONS, useValue: options },
        { provide: INTAKE_CLOCK, useValue: options.clock ?? systemClock },
        ResidentCommandRunner,
        CaseCommandRunner,
        CaseLocator,
        NikRegistry,
        RegisterResidentHandler,
        CorrectProfileHandler,
        ChangeCircumstancesHandler,
        RecordConsentHandler,
        WithdrawConsentHandler,
        OpenCaseHandler,
        RecordAssessmentHandler,
        RecordHomeVisitHandler,
        SubmitCaseHandler,
        WithdrawCaseHandler,
        GetResidentQuery,
        GetCaseQuery,
      ],
    };
  }
}
