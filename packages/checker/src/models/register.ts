import { makeRegisterModel } from './register-core.ts';

/** A read/write register per key, initially nil: a read returns the last value written. */
export const registerModel = makeRegisterModel('register', false);
