// The page left at a story's old URL (an alias): it sends readers and crawlers on to the story.
// It needs no theme, so it is written here rather than by a template.

import { escapeXml } from '../escape.js';

export function renderRedirect(title: string, link: string, absolute: string, language: string): string {
  const href = escapeXml(link);
  return `<!DOCTYPE html>
<html lang="${escapeXml(language)}">
<head>
<meta charset="utf-8">
<title>Moved: ${escapeXml(title)}</title>
<link rel="canonical" href="${escapeXml(absolute)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body>
<p>This story has moved to <a href="${href}">${escapeXml(title)}</a>.</p>
</body>
</html>
`;
}
