// The one error type of Gazette: every problem a user can fix carries its place
// (file, line, column, field), a stable code, what is wrong and a hint to fix it.

/** Every code a problem can have: stable, and each explained in the README's table. */
export const ERROR_CODES = [
  'config-invalid',
  'base-url-missing',
  'config-unreadable',
  'content-unreadable',
  'content-too-large',
  'control-characters',
  'frontmatter-invalid',
  'frontmatter-language',
  'content-ignored',
  'field-missing',
  'field-invalid',
  'field-unknown',
  'story-unwritten',
  'date-invalid',
  'slug-invalid',
  'url-unsafe',
  'authors-invalid',
  'image-missing',
  'image-invalid',
  'link-broken',
  'markdown-too-deep',
  'markdown-too-slow',
  'html-removed',
  'embed-refused',
  'template-tag',
  'anchor-missing',
  'permalink-duplicate',
  'permalink-moved',
  'alias-own-url',
  'id-duplicate',
  'template-missing',
  'template-error',
  'output-unsafe',
  'output-failed',
  'output-busy',
  'search-failed',
  'interrupted',
  'edition-missing',
  'usage',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Place {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface ProblemInit extends Place {
  code: ErrorCode;
  message: string;
  hint?: string;
  cause?: unknown;
}

export class GazetteError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(init: ProblemInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GazetteError';
    this.code = init.code;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.field = init.field;
    this.hint = init.hint;
  }

  /**
   * `file:line:col  field  message  (hint) [code]`, the way a compiler prints it. Control characters
   * quoted from a story are shown as escapes, so that no message can drive the reader's terminal.
   */
  format(): string {
    const place = [this.file, this.line, this.line === undefined ? undefined : this.column].filter((part) => part !== undefined).join(':');
    const parts = [place, this.field, this.message].filter(Boolean);
    const hint = this.hint ? `  (${this.hint})` : '';
    return showControls(`${parts.join('  ')}${hint}  [${this.code}]`);
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `\u001b` for ESC and the like: visible, and inert in a terminal. */
export function showControls(text: string): string {
  return text.replace(CONTROL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Many problems found in one pass: the build reports them all, then stops. */
export class BuildFailed extends Error {
  readonly problems: readonly GazetteError[];

  constructor(problems: readonly GazetteError[]) {
    const count = problems.length;
    super(`${count} problem${count === 1 ? '' : 's'} found`);
    this.name = 'BuildFailed';
    this.problems = problems;
  }
}

/** Throws BuildFailed when any problem was collected. */
export function failIfAny(problems: readonly GazetteError[]): void {
  if (problems.length > 0) throw new BuildFailed(problems);
}
