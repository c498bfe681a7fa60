export {
  contractViolation,
  handleCommand,
  isHandlerContractViolation,
  isHandlerVersionConflict,
  readState,
  type Appended,
  type CommandOutcome,
  type CommandRequest,
  type ContractViolation,
  type Refused,
  type StreamVersion,
  type VersionConflict,
} from './command-handler';
