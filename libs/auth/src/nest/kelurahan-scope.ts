import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '../actor/actor';
import { isKelurahanCode } from '../actor/kelurahan-code';
import { canActInKelurahan } from '../policy/kelurahan-scope';

/**
 * For controllers, once they know the resident's kelurahan (from the request body, or from the
 * resident loaded by id): 403 unless canActInKelurahan. The message is for the caseworker.
 */
export function assertCanActInKelurahan(actor: Actor, kelurahanCode: string): void {
  if (canActInKelurahan(actor, kelurahanCode)) return;
  // Echo only a well-formed code: the argument may be raw request input.
  const which = isKelurahanCode(kelurahanCode) ? `kelurahan ${kelurahanCode}` : 'kelurahan ini';
  throw new ForbiddenException({ code: 'OutsideKelurahan', message: `Anda tidak berwenang untuk ${which}.` });
}
