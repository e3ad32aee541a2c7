import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitStory } from '../../src/content/frontmatter.js';
import { GazetteError } from '../../src/errors.js';

function failureOf(text: string): GazetteError {
  try {
    splitStory(text, 'content/story.md');
  } catch (error) {
    assert.ok(error instanceof GazetteError, `expected a GazetteError, got ${String(error)}`);
    return error;
  }
  assert.fail('the story was accepted');
}

describe('splitStory', () => {
  it('splits YAML front-matter from the body, with file lines', () => {
    const split = splitStory('---\ntitle: Hello\ndate: 2020-10-01\n---\nBody text\n\nMore.\n', 'content/story.md');
    assert.deepEqual(split.frontMatter.value, { title: 'Hello', date: '2020-10-01' });
    assert.equal(split.body, 'Body text\n\nMore.\n');
    assert.equal(split.bodyLine, 5);
    assert.deepEqual(split.frontMatter.locate('title'), { line: 2, column: 1 });
    assert.deepEqual(split.frontMatter.locate('date'), { line: 3, column: 1 });
  });

  it('counts the body from the line after the closing fence', () => {
    const split = splitStory('---\ntitle: Hello\n---\n\n\nBody\n', 'content/story.md');
    assert.equal(split.body, '\n\nBody\n');
    assert.equal(split.bodyLine, 4);
  });

  it('keeps a later "---" line (a thematic break) in the body', () => {
    const split = splitStory('---\ntitle: Hello\n---\nOne\n\n---\n\nTwo\n', 'content/story.md');
    assert.deepEqual(split.frontMatter.value, { title: 'Hello' });
    assert.equal(split.body, 'One\n\n---\n\nTwo\n');
  });

  it('accepts a fence that names yaml', () => {
    const split = splitStory('---yaml\ntitle: Hello\n---\nBody\n', 'content/story.md');
    assert.deepEqual(split.frontMatter.value, { title: 'Hello' });
    assert.deepEqual(split.frontMatter.locate('title'), { line: 2, column: 1 });
    assert.equal(split.body, 'Body\n');
  });

  it('gives an empty block as no value', () => {
    const split = splitStory('---\n---\nBody\n', 'content/story.md');
    assert.equal(split.frontMatter.value, null);
    assert.equal(split.body, 'Body\n');
    assert.equal(split.bodyLine, 3);
  });

  it('refuses a story without front-matter', () => {
    const error = failureOf('Just a story.\n');
    assert.equal(error.code, 'frontmatter-invalid');
    assert.equal(error.file, 'content/story.md');
    assert.equal(error.line, 1);
    assert.equal(error.message, 'the story has no front-matter');
  });

  it('refuses a block that is never closed', () => {
    const error = failureOf('---\ntitle: Hello\ndate: 2020-10-01\nBody text\n');
    assert.equal(error.code, 'frontmatter-invalid');
    assert.equal(error.message, 'the front-matter block is not closed');
  });

  it('refuses ---js front-matter without running it', () => {
    const globals = globalThis as { pwned?: unknown };
    const error = failureOf('---js\nglobalThis.pwned = true;\nmodule.exports = { title: "x" };\n---\nBody\n');
    assert.equal(error.code, 'frontmatter-language');
    assert.equal(error.message, 'front-matter in "js" is not accepted');
    assert.equal(error.line, 1);
    assert.equal(globals.pwned, undefined);
  });

  it('refuses every code fence language', () => {
    const globals = globalThis as { pwned?: unknown };
    for (const language of ['javascript', ' js', 'coffee', 'JS']) {
      const error = failureOf(`---${language}\n{ "title": "x", "run": (globalThis.pwned = true) }\n---\nBody\n`);
      assert.equal(error.code, 'frontmatter-language', language);
      assert.equal(error.message, `front-matter in "${language.trim()}" is not accepted`);
    }
    assert.equal(globals.pwned, undefined);
  });

  it('reads TOML between +++ lines, its dates as written, fields at their lines', () => {
    const split = splitStory('+++\ntitle = "Storm"\ndate = 2020-10-03T16:40:00+01:00\ntags = ["a", "b"]\n[extra]\nx = 1\n+++\n\nBody\n', 'f.md');
    assert.deepEqual(split.frontMatter.value, { title: 'Storm', date: '2020-10-03T16:40:00.000+01:00', tags: ['a', 'b'], extra: { x: 1 } });
    assert.deepEqual(split.frontMatter.locate('tags'), { line: 4, column: 1 });
    assert.equal(split.body, '\nBody\n');
  });

  it('reports invalid TOML and JSON at their line in the file', () => {
    const toml = failureOf('+++\ntitle = "Storm"\ndate = 2021-02-30\n+++\nBody\n');
    assert.equal(toml.code, 'frontmatter-invalid');
    assert.equal(toml.line, 3);
    const json = failureOf('---json\n{\n "title": "x"\n "date": "y"\n}\n---\n');
    assert.equal(json.code, 'frontmatter-invalid');
    assert.equal(json.line, 4);
  });

  it("reads JSON after ---json, and Hugo's bare object at the top", () => {
    assert.deepEqual(splitStory('---json\n{ "title": "x" }\n---\nBody\n', 'f.md').frontMatter.value, { title: 'x' });
    const bare = splitStory('{\n  "title": "A {brace} in \\"quotes\\"",\n  "date": "2020-10-03"\n}\n\nBody\n', 'f.md');
    assert.deepEqual(bare.frontMatter.value, { title: 'A {brace} in "quotes"', date: '2020-10-03' });
    assert.deepEqual(bare.frontMatter.locate('date'), { line: 3, column: 3 });
    assert.equal(bare.body, '\nBody\n');
  });

  it('reads quoted values continued on unindented lines, as js-yaml does', () => {
    const split = splitStory('---\ntitle: "A title that\ngoes on"\nexcerpt: \'one\nline two\'\ndate: 2020-10-03\n---\nBody\n', 'f.md');
    assert.deepEqual(split.frontMatter.value, { title: 'A title that goes on', excerpt: 'one line two', date: '2020-10-03' });
    assert.deepEqual(split.frontMatter.locate('date'), { line: 6, column: 1 });
  });

  it('reports invalid YAML at its line in the file', () => {
    const error = failureOf('---\ntitle: Fine\ndate: 2020-10-01\nsummary: a: b\n---\nBody\n');
    assert.equal(error.code, 'frontmatter-invalid');
    assert.equal(error.line, 4);
    assert.equal(error.column, 10);
    assert.equal(error.message, 'invalid YAML: Nested mappings are not allowed in compact mappings');
  });

  it('reports a duplicate field at the line of the second one', () => {
    const error = failureOf('---\ntitle: One\ndate: 2020-10-01\ntitle: Two\n---\nBody\n');
    assert.equal(error.code, 'frontmatter-invalid');
    assert.equal(error.line, 4);
    assert.equal(error.message, 'invalid YAML: Map keys must be unique');
  });
});
