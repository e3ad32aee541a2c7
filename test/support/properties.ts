// Shared pieces of the property-based tests (fast-check): a fixed seed unless one is given, so that
// a run can be repeated, and inputs that lean towards what breaks parsers and escapers.

import fc from 'fast-check';

/** GAZETTE_PROPERTY_SEED=… repeats a run that failed (fast-check prints the seed). */
export const SEED = Number(process.env.GAZETTE_PROPERTY_SEED ?? 20201001);

/** GAZETTE_PROPERTY_RUNS=10 multiplies every number of runs, for a longer hunt. */
export function runs(count: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: count * Number(process.env.GAZETTE_PROPERTY_RUNS ?? 1) };
}

/** Characters that mean something to Markdown, HTML, XML, YAML or JSON, and ones they forbid. */
const SPECIAL = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '!',
  '#',
  '-',
  '+',
  '|',
  '\\',
  '/',
  ':',
  ';',
  '=',
  '~',
  '{',
  '}',
  '%',
  '\n',
  '\t',
  ' ',
  '\r',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  ']]>',
  '</script>',
  '<!--',
  '-->',
  '<![CDATA[',
  'javascript:',
  'data:',
  '&#x09;',
  '&amp;',
  '&lt;',
  '\\u003c',
  '---',
  '\n---\n',
  '```',
  'é',
  'ß',
  'الجزائر',
  '中国',
  '🇩🇿',
  '👩🏽‍💻',
  '\u202E',
];

/** Text made of special pieces and any other characters, of any length up to `maxLength` pieces. */
export function hostileText(maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...SPECIAL), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 3 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), weight: 3 },
  );
  return fc.array(piece, { maxLength }).map((pieces) => pieces.join(''));
}

/** Markup an author might paste: tags with handlers, script URLs in links and images. */
export function hostileMarkup(): fc.Arbitrary<string> {
  const scheme = fc.constantFrom('javascript:', 'JaVaScRiPt:', 'jav&#x09;ascript:', ' vbscript:', 'data:text/html,', '&#106;avascript:');
  return fc.oneof(
    fc.constantFrom(
      '<script>window.__pwned=1</script>',
      '<img src=x onerror=alert(1)>',
      '<iframe src="javascript:alert(1)">',
      '<svg onload=alert(1)>',
      '<div style="x">',
      '<style>*{}</style>',
      '<a href="javascript:alert(1)">x</a>',
      '<object data=x>',
      '<form action=x><input>',
      '<figure><img src="a.png" onerror=alert(1)><figcaption onclick=alert(1)>Cap</figcaption></figure>',
      '<details open ontoggle=alert(1)><summary>More</summary>',
      '<iframe src="https://www.youtube.com/embed/x" onload=alert(1) srcdoc="<script>alert(1)</script>"></iframe>',
      '<iframe src="https://evil.example/x"></iframe>',
      '<iframe src="//datawrapper.dwcdn.net/a/1/" style="background:url(javascript:alert(1))" height=300>',
      '<blockquote class="twitter-tweet"><p>Post</p><a href="https://x.com/a/status/1">May 1</a></blockquote><script src="https://platform.twitter.com/widgets.js"></script>',
      '<abbr title="x" onmouseover=alert(1)>X</abbr><mark style="x">m</mark><sup>1</sup>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<base href="javascript:/">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
      '<link rel=import href=x>',
    ),
    scheme.map((url) => `[link](${url}alert(1))`),
    scheme.map((url) => `![image](${url}alert(1))`),
    scheme.map((url) => `<${url}alert(1)>`),
    scheme.map((url) => `[ref][r]\n\n[r]: ${url}alert(1)\n`),
    scheme.map((url) => `<a href="${url}alert(1)">raw</a> <img src="${url}alert(1)"> <blockquote cite="${url}x">q</blockquote>`),
    scheme.map((url) => `<iframe src="${url}alert(1)"></iframe><picture><source srcset="${url}x"><img src="a.png"></picture>`),
  );
}

/** A Markdown document: lines of hostile text and markup, with Markdown's block markers. */
export function hostileMarkdown(): fc.Arbitrary<string> {
  const line = fc
    .tuple(
      fc.constantFrom('', '', '# ', '> ', '- ', '1. ', '    ', '| a | b |\n|---|---|\n| ', '```\n', '[^1]: ', '* [ ] '),
      fc.oneof(hostileText(12), hostileMarkup()),
    )
    .map(([marker, text]) => marker + text);
  return fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));
}
