export { DeciderSpecification, type Then } from './decider-specification';
