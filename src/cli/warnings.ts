// Warnings as every command prints them; with --strict they are the run's problems instead, so no
// command needs to know the flag beyond handing it here (and to the build, which then writes nothing).

import { failIfAny, type GazetteError } from '../errors.js';
import type { Io } from './io.js';

export function printWarnings(warnings: readonly GazetteError[], io: Io, strict: boolean): void {
  if (strict) failIfAny(warnings);
  for (const warning of warnings) io.err(`warning: ${warning.format()}`);
}
