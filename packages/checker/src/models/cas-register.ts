import { makeRegisterModel } from './register-core.ts';

/**
 * A register per key with read, write and compare-and-set, initially nil (Knossos `cas-register`).
 * An ok `cas [from, to]` needs the register to hold `from` and sets it to `to`; a failed cas
 * definitely did not apply, so it is left out; a cas of unknown outcome may apply or not.
 */
export const casRegisterModel = makeRegisterModel('cas-register', true);
