// Kept apart from nats-options.ts (which loads the runtime and transport) so that `faultline demo
// --list` and `--help` can check flags without loading either.

/** The value flags of `faultline demo` for the NATS runtime (logins: the password is `$FAULTLINE_NATS_PASS`). */
export const DEMO_NATS_FLAGS = ['nats', 'cluster', 'nats-user', 'nats-nkey-file', 'nats-ca', 'nats-cert', 'nats-key'] as const;
