// What the command line prints before any site is read: per-command help made from each command's
// options, "did you mean" for a mistyped command or option, our own message for a bad argument.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOBAL_OPTIONS } from '../../src/cli/command.js';
import { EXIT, type Io } from '../../src/cli/io.js';
import { COMMANDS, main } from '../../src/cli/main.js';

async function gazette(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), cwd: '/nonexistent' };
  const code = await main(argv, io, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const GLOBAL_HELP = `Global options:
  --config <file>     configuration file (default: gazette.config.yaml|yml|json)
  --content <dir>     content folder (default: content/)
  --out <dir>         output folder (default: dist/)
  --base-url <url>    absolute base URL of the published site (else GAZETTE_BASE_URL, else baseUrl)
  --drafts            include stories with "draft: true"
  --future            include stories dated after now
  --now <date>        the build's clock, ISO 8601 (for reproducible builds)
  --no-cache          build everything, without reading or writing .gazette/cache/
  --quiet             print problems only
  --verbose           print each stage of the build as it starts, with its time
  --strict            every warning is an error: exit 1, nothing written (for CI)
  --debug             show stack traces of unexpected errors
  -h, --help          show this help`;

describe('gazette --help and per-command help', () => {
  it('prints the help of build with every option it takes', async () => {
    const help = await gazette('build', '--help');
    assert.equal(help.code, EXIT.ok);
    assert.equal(
      help.out,
      `Usage: gazette build [options]

Build the site into the output folder (default: dist/).

Options:
  --wait <seconds>    how long to wait for a build writing the same output folder (default: 1800; 0: do not wait)
  --changed-files <file>
                      write the output files this build wrote ("+ path") and removed ("- path")
  --allow-moved       let a URL the previous site published disappear (a warning, not the error permalink-moved)
  --previous-sitemap <file|url>
                      also keep every URL of this sitemap.xml (the old site's)

${GLOBAL_HELP}`,
    );
  });

  it('prints the same with "gazette help <command>" and -h, for every command, each naming its own options', async () => {
    for (const command of COMMANDS) {
      const help = await gazette('help', command.name);
      assert.equal(help.code, EXIT.ok);
      assert.equal((await gazette(command.name, '-h')).out, help.out);
      assert.match(help.out, new RegExp(`^Usage: gazette ${command.name} `));
      for (const option of [...command.options, ...GLOBAL_OPTIONS]) assert.ok(help.out.includes(`--${option.name}`), `${command.name}: --${option.name}`);
    }
    assert.match((await gazette('help', 'dev')).out, /\n {2}--port <n> {10}port to listen on \(default: 4000; 0: any free port\)\n/);
    assert.match((await gazette('edition', '--help')).out, /^Usage: gazette edition YYYY-MM-DD \[options\]\n/);
  });

  it('lists the commands, with exit code 2 when no command is given', async () => {
    const help = await gazette('--help');
    assert.equal(help.code, EXIT.ok);
    assert.match(
      help.out,
      /^Usage: gazette <command> \[options\]\n\nCommands:\n {2}build {15}build the site into the output folder \(default: dist\/\)\n {2}check {15}validate/,
    );
    assert.equal((await gazette()).code, EXIT.usage);
    assert.equal((await gazette()).out, help.out);
  });
});

describe('gazette mistakes', () => {
  it('suggests the command meant', async () => {
    assert.deepEqual(await gazette('buidl'), {
      code: EXIT.usage,
      out: '',
      err: 'gazette: unknown command "buidl": did you mean "build"?\nRun "gazette --help" for the commands.',
    });
    assert.equal((await gazette('publish')).err, 'gazette: unknown command "publish"\nRun "gazette --help" for the commands.');
    assert.equal((await gazette('help', 'chek')).err, 'gazette: unknown command "chek": did you mean "check"?\nRun "gazette --help" for the commands.');
  });

  it("suggests the option meant, among the command's own", async () => {
    assert.deepEqual(await gazette('build', '--bse-url', 'https://example.org/'), {
      code: EXIT.usage,
      out: '',
      err: 'gazette: unknown option --bse-url: did you mean --base-url?\nRun "gazette build --help" for the options.',
    });
    assert.equal(
      (await gazette('dev', '--prot', '8080')).err,
      'gazette: unknown option --prot: did you mean --port?\nRun "gazette dev --help" for the options.',
    );
    // --port is dev's: build has nothing near it.
    assert.equal((await gazette('build', '--port', '8080')).err, 'gazette: unknown option --port\nRun "gazette build --help" for the options.');
  });

  it('says a value is missing in its own words, never the parser of Node', async () => {
    assert.deepEqual(await gazette('build', '--out'), {
      code: EXIT.usage,
      out: '',
      err: 'gazette: --out needs a value: --out <dir>\nRun "gazette build --help" for the options.',
    });
    assert.equal((await gazette('build', '--wait', 'soon')).err, 'gazette: --wait must be a number of seconds, 0 or more, not "soon"');
  });

  it('finds the command after options that take a value', async () => {
    assert.equal((await gazette('--out', 'build', 'buidl')).err.split('\n')[0], 'gazette: unknown command "buidl": did you mean "build"?');
  });
});
