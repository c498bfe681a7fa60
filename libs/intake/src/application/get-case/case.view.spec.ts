import { fold } from '../../domain/intake.decider';
import type { CorrectProfile } from '../../domain/intake.commands';
import type { RegisteredResident } from '../../domain/intake.state';
import {
  CASE_ID,
  NUR_AINI,
  RESIDENT_ID,
  SUMIATI,
  history,
  openCaseCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  registerSiti,
} from '../../testing/intake.fixtures';
import { caseView } from './case.view';

const AFTER = '2025-11-11T03:00:00.000Z';
const withoutAhmad: CorrectProfile = {
  type: 'CorrectProfile',
  data: { residentId: RESIDENT_ID, corrections: { householdMembers: [NUR_AINI, SUMIATI] }, reason: 'Ahmad tercatat di KK lain' },
  metadata: { now: '2025-11-11T02:00:00.000Z' },
};

const submissionOf = (...commands: Parameters<typeof history>) =>
  caseView(fold(history(...commands)) as RegisteredResident, CASE_ID, 1)?.submission;

describe('the case as the console shows it: submission readiness', () => {
  const assessedSiti = [registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand()] as const;

  it('is ready once consented and assessed', () => {
    expect(submissionOf(...assessedSiti)).toEqual({ ready: true, missing: [] });
  });

  it('is not ready once a member the assessment references is removed from the KK, and says why', () => {
    expect(submissionOf(...assessedSiti, withoutAhmad)).toMatchObject({
      ready: false,
      missing: [
        { field: 'assessment.householdSize', rule: 'assessment-outdated' },
        { field: 'assessment.children[0].nik', rule: 'assessment-outdated', message: expect.stringMatching(/Ahmad Fauzi .*catat asesmen ulang/) },
      ],
    });
  });

  it('is ready again after a re-assessment that matches the KK', () => {
    const reassessment = recordAssessmentCommand({ children: [{ nik: NUR_AINI.nik, enrolled: true, level: 'SD', grade: 4 }] }, AFTER);
    expect(submissionOf(...assessedSiti, withoutAhmad, reassessment)).toEqual({ ready: true, missing: [] });
  });
});
