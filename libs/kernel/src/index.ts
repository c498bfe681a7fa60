export { deterministicEventId, newId, uuidV5 } from './ids';
export { fixedClock, systemClock, type Clock } from './clock';
