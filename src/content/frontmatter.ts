// Split a story file into front-matter and Markdown body with gray-matter. Front-matter is data:
// only YAML is accepted; any other fence language (`---js`, `---json`, …) is refused, never run.

import matter from 'gray-matter';
import { GazetteError } from '../errors.js';
import { parseYaml, type YamlData, YamlProblem } from '../yaml.js';

export interface SplitStory {
  /** The front-matter's value; `locate` answers with lines of the story file. */
  frontMatter: YamlData;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*([^\s-][^\n]*)?\n/;

export function splitStory(text: string, file: string): SplitStory {
  const fence = FENCE.exec(text);
  if (!fence) {
    throw new GazetteError({
      code: 'frontmatter-invalid',
      file,
      line: 1,
      column: 1,
      message: 'the story has no front-matter',
      hint: 'start the file with a line "---", then "title: …" and "date: …", then "---"',
    });
  }
  const language = fence[1]?.trim();
  if (language && language !== 'yaml' && language !== 'yml') {
    throw new GazetteError({
      code: 'frontmatter-language',
      file,
      line: 1,
      column: 4,
      message: `front-matter in "${language}" is not accepted`,
      hint: 'front-matter is data: write it in YAML after a plain "---" fence',
    });
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(fence[0].length - 1))) {
    throw new GazetteError({
      code: 'frontmatter-invalid',
      file,
      line: 1,
      column: 1,
      message: 'the front-matter block is not closed',
      hint: 'end the front-matter with a line "---" before the story text',
    });
  }

  let raw = '';
  const refuse = () => {
    throw new GazetteError({ code: 'frontmatter-language', file, line: 1, message: 'only YAML front-matter is accepted' });
  };
  const parsed = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (source: string) => {
        raw = source;
        return {};
      },
      js: refuse,
      javascript: refuse,
      json: refuse,
      coffee: refuse,
      toml: refuse,
    },
  });

  // gray-matter keeps the newline after the opening fence, so YAML lines are file lines then.
  const lineShift = raw.startsWith('\n') ? 0 : 1;
  let yaml: YamlData;
  try {
    yaml = parseYaml(raw);
  } catch (error) {
    if (!(error instanceof YamlProblem)) throw error;
    throw new GazetteError({
      code: 'frontmatter-invalid',
      file,
      line: error.line === undefined ? undefined : error.line + lineShift,
      column: error.column,
      message: `invalid YAML: ${error.message}`,
      hint: error.hint ?? 'quote values that contain ": " or start with a special character',
      cause: error,
    });
  }
  const head = text.length - parsed.content.length;
  const bodyLine = text.slice(0, head).split('\n').length;
  const frontMatter: YamlData = {
    value: yaml.value,
    locate(field) {
      const at = yaml.locate(field);
      return at && { line: at.line + lineShift, column: at.column };
    },
  };
  return { frontMatter, body: parsed.content, bodyLine };
}
