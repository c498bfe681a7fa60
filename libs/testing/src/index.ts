export {
  dockerEngineAnswers,
  kafkaBrokers,
  kurrentDbAvailability,
  kurrentDbUrl,
  mongoUrl,
  postgresUrl,
  type KurrentDbAvailability,
} from './endpoints';
export {
  scratchMongoUrl,
  scratchPostgresDatabase,
  uniqueName,
  withPostgresClient,
  type ScratchDatabase,
} from './isolation';
export { cleanHostEnv, eventually, freePort, startServiceProcess, waitUntilReady, type ServiceProcess } from './processes';
