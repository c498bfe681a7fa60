export { IntakeModule } from './intake.module';
export { MIN_NIK_PEPPER_LENGTH, type IntakeOptions } from './application/support/intake-options';
export { NIK_RESERVATION_STREAM_PREFIX, PENDING_REGISTRATION_GRACE_SECONDS } from './application/nik-registry/nik-registry';
export { CASE_LOCATOR_STREAM_PREFIX } from './application/case-locator/case-locator';
export { decide, fold, intakeDecider } from './domain/intake.decider';
export { evolve } from './domain/intake.evolve';
export { initialState, type IntakeState } from './domain/intake.state';
export type { IntakeCommand } from './domain/intake.commands';
export type { IntakeError, FieldProblem } from './domain/intake.errors';
export {
  INSECURE_DEV_NIK_PEPPER,
  INTAKE_ENV,
  IntakeConfigError,
  loadNikPepper,
  type NikPepperConfig,
} from './application/support/intake-config';
