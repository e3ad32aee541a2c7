// What the Markdown stage tells an author about a story's body beyond its HTML: raw HTML removed,
// embeds refused, template tags left as text, in-page links to nowhere; each at its line in the body.

/** The codes a notice is reported with (see ERROR_CODES). */
export type NoticeCode = 'html-removed' | 'embed-refused' | 'template-tag' | 'anchor-missing';

export interface MarkdownNotice {
  code: NoticeCode;
  /** Where it is, in lines and columns of the body (the build adds where the body starts in the file). */
  line: number;
  column: number;
  message: string;
}

/** A notice at a node's place in the body (its start, or the body's first line when it has none). */
export function noticeAt(code: NoticeCode, node: { position?: { start: { line: number; column: number } } }, message: string): MarkdownNotice {
  const start = node.position?.start;
  return { code, line: start?.line ?? 1, column: start?.column ?? 1, message };
}
