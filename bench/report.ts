// `npm run bench:report`: make bench/LATEST.md again from bench/history.jsonl (each run of
// `npm run bench` and `npm run bench:peers` does it too when it is done).

import path from 'node:path';
import { LATEST_FILE, writeLatest } from './latest.js';
import { progress } from './runner.js';

await writeLatest();
progress(`written to ${path.relative(process.cwd(), LATEST_FILE)}`);
