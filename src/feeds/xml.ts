// Writing XML text safely: characters XML 1.0 forbids are removed, markup is escaped, and CDATA
// sections survive a "]]>" inside the content.

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHAR, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name attr="…">escaped text</name>`, or nothing when the value is missing. */
export function element(name: string, value: string | undefined, attributes: Record<string, string> = {}): string {
  if (value === undefined || value === '') return '';
  const attrs = Object.entries(attributes).map(([key, attr]) => ` ${key}="${xmlText(attr)}"`).join('');
  return `<${name}${attrs}>${xmlText(value)}</${name}>`;
}
