// How deeply a story's Markdown nests, measured on the text before it is parsed. Markdown nested
// thousands of levels deep (">>>>…", "- - - …", "****…a****…", "![![![…") takes the parser minutes
// and overflows its stack, so such a story is refused up front, at the line that goes too deep.

/** More levels than any story needs, and far fewer than the parser can take. */
export const MAX_NESTING = 100;

export interface DeepLine {
  /** 1-based line in the body. */
  line: number;
  depth: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTAINER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;
const DELIMITER_RUN = /[*_]+/g;
const ONLY_DELIMITERS = /^[ \t*_-]*$/;

/** The first line nested deeper than MAX_NESTING, if any (lines inside fenced code are skipped). */
export function findDeepNesting(markdown: string): DeepLine | undefined {
  let fence: string | undefined;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const marker = FENCE.exec(line.trimStart())?.[1];
    if (fence !== undefined) {
      if (marker?.startsWith(fence)) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const depth = Math.max(containerDepth(line), emphasisDepth(line), bracketDepth(line));
    if (depth > MAX_NESTING) return { line: index + 1, depth };
  }
  return undefined;
}

/** Blockquote and list markers opening the line, and list levels its indentation can reach. */
function containerDepth(line: string): number {
  let markers = 0;
  CONTAINER.lastIndex = 0;
  while (CONTAINER.test(line)) markers += 1;
  if (markers === 0) return 0;
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const columns = [...indent].reduce((sum, character) => sum + (character === '\t' ? 4 : 1), 0);
  return markers + Math.floor(columns / 2);
}

/** Emphasis can nest once per pair of `*` or `_`; a line of them alone is a thematic break. */
function emphasisDepth(line: string): number {
  if (ONLY_DELIMITERS.test(line)) return 0;
  let longest = 0;
  for (const run of line.matchAll(DELIMITER_RUN)) longest = Math.max(longest, run[0].length);
  return Math.floor(longest / 2);
}

/** Links and images nest once per unclosed `[` (escaped ones do not count). */
function bracketDepth(line: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (character === '\\') index += 1;
    else if (character === '[') deepest = Math.max(deepest, ++depth);
    else if (character === ']' && depth > 0) depth -= 1;
  }
  return deepest;
}
