export { deterministicEventId, newId, uuidV5 } from './ids';
export { fixedClock, systemClock, type Clock } from './clock';
export { canonicalJson, sha256Digest, type Sha256Digest } from './canonical-json';
export {
  checkNik,
  checkNoKk,
  describeIdentityProblems,
  IDENTITY_NUMBER_MESSAGES,
  type IdentityNumberCheck,
  type IdentityNumberProblem,
  type NikBirthFacts,
  type Sex,
} from './nik';
export {
  findKecamatan,
  findKelurahan,
  KECAMATAN,
  KELURAHAN,
  KELURAHAN_CODE_PATTERN,
  KOTA_PASURUAN_CODE,
  type Kecamatan,
  type Kelurahan,
} from './kelurahan';
export { ageOn, CLOCK_SKEW_MS, isAfterNow, isCalendarDate, isInstant, wibDateOf, yearOf } from './calendar';
export { seededRandom, type Random } from './random';
export { assertNever, isRefusal, type Decider } from './decider';
export {
  addWorkingDays,
  endOfWibDay,
  INDONESIAN_WORKING_DAYS,
  isWorkingDay,
  WorkingDayCalendar,
  WorkingDayCalendarError,
  type Holiday,
  type HolidayData,
} from './working-days';
