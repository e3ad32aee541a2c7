#!/usr/bin/env node
import { main } from '../lib/cli.js';
import { boundHeapGrowth } from '../lib/heap.js';

boundHeapGrowth();
process.exitCode = await main(process.argv.slice(2));
