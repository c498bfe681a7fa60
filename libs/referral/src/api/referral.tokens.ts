/** Injection tokens of the referral module; hosts and tests may provide their own clock or routing table. */
export const REFERRAL_CLOCK = Symbol('REFERRAL_CLOCK');
export const ROUTING_TABLE = Symbol('ROUTING_TABLE');
export const DEADLINE_CHECK_EVERY_MS = Symbol('DEADLINE_CHECK_EVERY_MS');
export { REFERRAL_DEPENDENCIES } from '../application/referral-dependencies';
