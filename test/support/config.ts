// A real Config from loadConfig, for tests that need one without a project on disk: the settings
// are written as a gazette.config.json into a throw-away folder that is removed again at once.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { Config, ConfigOverrides } from '../../src/config-types.js';

/** The clock of the unit tests: a few days after the stories they make. */
export const TEST_NOW = '2020-10-05T00:00:00Z';

export function makeConfig(settings: Record<string, unknown> = {}, overrides: ConfigOverrides = {}): Config {
  const root = mkdtempSync(path.join(tmpdir(), 'gazette-config-'));
  try {
    writeFileSync(path.join(root, 'gazette.config.json'), JSON.stringify(settings, null, 2));
    return loadConfig(root, { now: TEST_NOW, ...overrides });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
