// XML for feeds and sitemaps: CDATA sections that survive a "]]>" inside the content, and elements
// whose text is escaped (see escape.ts).

import { escapeXml, NOT_XML_CHAR } from '../escape.js';

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHAR, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name attr="…">escaped text</name>`, or nothing when the value is missing. */
export function element(name: string, value: string | undefined, attributes: Record<string, string> = {}): string {
  if (value === undefined || value === '') return '';
  const attrs = Object.entries(attributes)
    .map(([key, attr]) => ` ${key}="${escapeXml(attr)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(value)}</${name}>`;
}

/**
 * The processing instruction that makes a browser show a feed through its XSLT stylesheet (a page
 * explaining how to subscribe); feed readers ignore it.
 */
export function stylesheetInstruction(href: string): string {
  return `<?xml-stylesheet type="text/xsl" href="${escapeXml(href)}"?>`;
}
