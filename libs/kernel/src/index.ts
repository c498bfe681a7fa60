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
  KOTA_PASURUAN_CODE,
  type Kecamatan,
  type Kelurahan,
} from './kelurahan';
