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

  it('refuses every other fence language', () => {
    const globals = globalThis as { pwned?: unknown };
    for (const language of ['json', 'javascript', ' js', 'coffee', 'toml']) {
      const error = failureOf(`---${language}\n{ "title": "x", "run": (globalThis.pwned = true) }\n---\nBody\n`);
      assert.equal(error.code, 'frontmatter-language', language);
      assert.equal(error.message, `front-matter in "${language.trim()}" is not accepted`);
    }
    assert.equal(globals.pwned, undefined);
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
