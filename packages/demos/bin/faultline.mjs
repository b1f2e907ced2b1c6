#!/usr/bin/env node
// The faultline command moved to faultline.cjs (a CommonJS entry starts faster: issue 15). This file
// stays for command shims and scripts made before the move; it runs the same thing.
import './faultline.cjs';
