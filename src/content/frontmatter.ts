// Split a story file into front-matter and Markdown body. Front-matter is data: YAML between `---`
// lines (gray-matter), TOML between `+++` lines, JSON (`---json`, or a bare `{ … }` at the top);
// a code language (`---js`, `---coffee`, …) is refused, never run.

import matter from 'gray-matter';
import { GazetteError } from '../errors.js';
import { parseYaml, type YamlData, YamlProblem } from '../yaml.js';
import { endOfJsonObject, FormProblem, readJson, readToml } from './frontmatter-forms.js';

export interface SplitStory {
  /** The front-matter's value; `locate` answers with lines of the story file. */
  frontMatter: YamlData;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*([^\s-][^\n]*)?\n/;

export function splitStory(text: string, file: string): SplitStory {
  const other = splitOtherForm(text, file);
  if (other) return other;
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
      hint: 'front-matter is data: write it in YAML after a plain "---" fence, in TOML between "+++" lines, or in JSON',
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
    throw frontMatterInvalid(
      file,
      error,
      lineShift,
      `invalid YAML: ${error.message}`,
      error.hint ?? 'quote values that contain ": " or start with a special character',
    );
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

/**
 * TOML between `+++` lines (or after `---toml`), JSON after `---json` (closed by `---`) or a bare JSON object at the
 * top; undefined for YAML, which splitStory reads.
 */
function splitOtherForm(text: string, file: string): SplitStory | undefined {
  let form: 'toml' | 'json';
  let raw: string;
  let rest: string;
  let lineShift: number;
  const fenced = /^(?:\+\+\+|---(json|toml))[ \t]*\n/.exec(text);
  if (fenced) {
    form = fenced[1] === 'json' ? 'json' : 'toml';
    const fence = text.startsWith('+') ? '+++' : '---';
    const start = text.indexOf('\n') + 1;
    const close = new RegExp(`^${fence.replace(/\+/g, '\\+')}[ \\t]*$`, 'm');
    const end = close.exec(text.slice(start));
    if (!end) {
      throw new GazetteError({
        code: 'frontmatter-invalid',
        file,
        line: 1,
        column: 1,
        message: 'the front-matter block is not closed',
        hint: `end the front-matter with a line "${fence}" before the story text`,
      });
    }
    raw = text.slice(start, start + end.index);
    rest = text.slice(start + end.index + end[0].length).replace(/^\n/, '');
    lineShift = 1;
  } else if (text.startsWith('{')) {
    form = 'json';
    const end = endOfJsonObject(text);
    raw = end === -1 ? text : text.slice(0, end);
    rest = end === -1 ? '' : text.slice(end).replace(/^[ \t]*\n/, '');
    lineShift = 0;
  } else {
    return undefined;
  }
  let data: YamlData;
  try {
    data = form === 'toml' ? readToml(raw) : readJson(raw);
  } catch (error) {
    if (!(error instanceof FormProblem)) throw error;
    throw frontMatterInvalid(
      file,
      error,
      lineShift,
      error.message,
      form === 'toml' ? 'write TOML as Hugo and Zola read it: key = "value"' : 'write one JSON object: { "title": "…", "date": "…" }',
    );
  }
  const bodyLine = text.slice(0, text.length - rest.length).split('\n').length;
  const frontMatter: YamlData = {
    value: data.value,
    locate(field) {
      const at = data.locate(field);
      return at && { line: at.line + lineShift, column: at.column };
    },
  };
  return { frontMatter, body: rest, bodyLine };
}

/** Front-matter that its parser refused, at the parser's line (shifted to the file's) and column. */
function frontMatterInvalid(file: string, error: { line?: number; column?: number }, lineShift: number, message: string, hint: string): GazetteError {
  return new GazetteError({
    code: 'frontmatter-invalid',
    file,
    line: error.line === undefined ? undefined : error.line + lineShift,
    column: error.column,
    message,
    hint,
    cause: error,
  });
}
