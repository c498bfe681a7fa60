import { parsePartnerPolicy, type PartnerPolicy } from '../domain/partner-policy';
import policyFile from '../partner-policy.json';

/** The reviewed policy file shipped with the library, checked: a bad file stops the module from starting. */
export function loadPartnerPolicy(): PartnerPolicy {
  return parsePartnerPolicy(policyFile);
}
