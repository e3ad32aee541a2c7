// gazette dev: the dev server, until stopped.

import type { ConfigOverrides } from '../config-types.js';
import { boundHeapGrowth } from '../incremental/heap.js';
import { readWait, WAIT_OPTION } from './build.js';
import type { Command } from './command.js';
import { untilInterrupted } from './interrupt.js';
import { EXIT, type Io } from './io.js';

export const command: Command = {
  name: 'dev',
  summary: 'serve the site on http://localhost:4000/, drafts shown, and rebuild it on every change',
  options: [
    { name: 'port', type: 'string', placeholder: '<n>', summary: 'port to listen on (default: 4000; 0: any free port)' },
    { name: 'host', type: 'string', placeholder: '<name>', summary: 'address to listen on (default: 127.0.0.1, this machine only)' },
    WAIT_OPTION,
  ],
  // The address of the published site, set for builds in the environment, is not the dev server's.
  run: ({ values, overrides, cache }, io) =>
    runDev(
      overrides.baseUrlFrom === 'GAZETTE_BASE_URL' ? { ...overrides, baseUrl: undefined } : overrides,
      values.port as string | undefined,
      values.host as string | undefined,
      { cache, waitMs: readWait(values.wait) },
      io,
    ),
};

async function runDev(
  overrides: ConfigOverrides,
  port: string | undefined,
  host: string | undefined,
  options: { cache: boolean; waitMs: number },
  io: Io,
): Promise<number> {
  const portNumber = Number(port ?? 4000);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    io.err(`gazette dev: --port must be a number from 0 to 65535, not "${port}"`);
    return EXIT.usage;
  }
  // The dev loop's first build reads every story, and its process lives on.
  boundHeapGrowth();
  const { startDev } = await import('../dev/dev.js');
  // Stopped during its first build, dev fails as a build does; stopped once serving, it ends well.
  return untilInterrupted(async (signal) => {
    const server = await startDev({ root: io.cwd, overrides, port: portNumber, host: host ?? '127.0.0.1', log: io.out, ...options, signal });
    await new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve, { once: true })));
    await server.close();
    return EXIT.ok;
  });
}
