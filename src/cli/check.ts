// gazette check: the whole build but the writing, for an author or a CI step before publishing.

import { runBuild, URL_OPTIONS } from './build.js';
import type { Command } from './command.js';

export const command: Command = {
  name: 'check',
  summary: 'validate content, config and templates; write nothing',
  options: [...URL_OPTIONS],
  run: (invocation, io) => runBuild('check', invocation, io),
};
