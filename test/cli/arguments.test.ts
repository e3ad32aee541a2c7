// Arguments as main.ts reads them for a command: values inline or after, flags, operands after --,
// and our own message, with the option meant, for every mistake.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArguments } from '../../src/cli/arguments.js';
import { GLOBAL_OPTIONS } from '../../src/cli/command.js';
import { GazetteError } from '../../src/errors.js';

const USAGE = '"gazette build --help"';
const parse = (...argv: string[]) => parseArguments(argv, GLOBAL_OPTIONS, USAGE);
const mistake = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    assert.ok(error instanceof GazetteError);
    return [error.message, error.hint];
  }
  assert.fail('no mistake found');
};

describe('parseArguments', () => {
  it('reads values after the option or after "=", flags, short flags and operands', () => {
    assert.deepEqual(parse('--out', 'site', '--base-url=https://example.org/', '--drafts', '-h', 'extra', '--', '--not-an-option'), {
      values: { out: 'site', 'base-url': 'https://example.org/', drafts: true, help: true },
      positionals: ['extra', '--not-an-option'],
    });
  });

  it('says which option was meant, in its own words', () => {
    assert.deepEqual(mistake('--bse-url', 'x'), ['unknown option --bse-url: did you mean --base-url?', 'Run "gazette build --help" for the options.']);
    assert.deepEqual(mistake('--frobnicate'), ['unknown option --frobnicate', 'Run "gazette build --help" for the options.']);
    assert.deepEqual(mistake('-x'), ['unknown option -x', 'Run "gazette build --help" for the options.']);
  });

  it('refuses a missing value, also when an option stands in its place, and a value given to a flag', () => {
    assert.deepEqual(mistake('--out')[0], '--out needs a value: --out <dir>');
    assert.deepEqual(mistake('--out', '--drafts')[0], '--out needs a value: --out <dir>');
    assert.deepEqual(mistake('--drafts=yes')[0], '--drafts takes no value, found "yes"');
  });
});
