// The page left at a story's old URL (an alias): it sends readers and crawlers on to the story.
// It needs no theme, so it is written here rather than by a template.

import { escapeXml } from '../escape.js';
import { say, type Words } from '../words.js';

export function renderRedirect(title: string, link: string, absolute: string, site: { words: Words; language: string }): string {
  const href = escapeXml(link);
  // The link goes where the word says {story}: the word's text around it escaped, the link's markup put in between.
  const anchor = `<a href="${href}">${escapeXml(title)}</a>`;
  const notice = say(site, 'moved_notice', { story: '\u0000' }).split('\u0000').map(escapeXml).join(anchor);
  return `<!DOCTYPE html>
<html lang="${escapeXml(site.language)}">
<head>
<meta charset="utf-8">
<title>${escapeXml(say(site, 'moved_title', { title }))}</title>
<link rel="canonical" href="${escapeXml(absolute)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body>
<p>${notice}</p>
</body>
</html>
`;
}
