#!/usr/bin/env node
import { EXIT } from '../lib/cli/io.js';
import { main } from '../lib/cli/main.js';

const code = await main(process.argv.slice(2));
// A build stopped by a signal has cleared what it wrote: work it no longer waits for (a picture
// being encoded) must not keep the process.
if (code === EXIT.SIGINT || code === EXIT.SIGTERM) process.exit(code);
process.exitCode = code;
