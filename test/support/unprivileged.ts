// Running part of a test as an unprivileged user: file permissions do not stop root, as whom CI
// runs, so a case about an unwritable folder runs again in a child process as `nobody`.

import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { REPO } from './project.js';

/** Node with tsx and these arguments, in the repository, as the user nobody (through util-linux's setpriv). */
export function asUnprivileged(nodeArgs: readonly string[]): SpawnSyncReturns<string> {
  // Without the test runner's own variable, a child `node --test` reports in text, not to its parent runner.
  const { NODE_TEST_CONTEXT: _runner, ...env } = process.env;
  const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, '--import', 'tsx', ...nodeArgs], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...env, HOME: '/tmp' },
  });
  if (run.error) throw new Error(`cannot run as an unprivileged user (setpriv, from util-linux): ${run.error.message}`);
  return run;
}
