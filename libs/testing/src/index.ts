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
export { cleanHostEnv, eventually, freePort, startServiceProcess, waitUntilLive, waitUntilReady, type ServiceProcess } from './processes';
