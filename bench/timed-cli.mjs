// `gazette <arguments>` as an editor runs it (the compiled CLI, in a process of its own, as
// bin/gazette.js runs it), printing on its last line what the process cost: its
// exit code, output, CPU time and peak memory, as JSON.
// Plain JavaScript, so that no TypeScript loader runs before Gazette.

import { main } from '../lib/cli/main.js';

const output = [];
const io = { out: (line) => output.push(line), err: (line) => output.push(line), cwd: process.cwd() };
const code = await main(process.argv.slice(2), io);
const cpu = process.cpuUsage();
const report = { code, output: output.join('\n'), cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(`${JSON.stringify(report)}\n`);
