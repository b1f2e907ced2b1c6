#!/usr/bin/env node
// The faultline command. Sources are TypeScript run without a build step: register tsx, then load the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/entry.ts');
