import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXml } from '../../src/escape.js';
import { cdata, element } from '../../src/feeds/xml.js';

/** The text of `<x>…</x>` as an XML parser reads it back. */
function parsedText(xml: string): unknown {
  assert.equal(XMLValidator.validate(`<x>${xml}</x>`), true);
  return new XMLParser({ parseTagValue: false, trimValues: false }).parse(`<x>${xml}</x>`).x;
}

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    assert.equal(escapeXml(`Tom & Jerry <b>"bold"</b> 'n'`), 'Tom &amp; Jerry &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &apos;n&apos;');
  });

  it('removes characters XML 1.0 does not allow', () => {
    assert.equal(escapeXml('a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h'), 'abcdefgh');
  });

  it('keeps tab, newlines, other scripts and characters beyond the BMP', () => {
    assert.equal(escapeXml('a\tb\nc\rd الجزائر 🇩🇿 \u00A0'), 'a\tb\nc\rd الجزائر 🇩🇿 \u00A0');
  });

  it('gives text that parses back to the original, less the forbidden characters', () => {
    assert.equal(parsedText(escapeXml('Q&A: <"x"> \'y\'\u0000')), 'Q&A: <"x"> \'y\'');
  });
});

describe('cdata', () => {
  it('wraps text in a CDATA section', () => {
    assert.equal(cdata('<p>a & b</p>'), '<![CDATA[<p>a & b</p>]]>');
  });

  it('splits a "]]>" so that it stays one text when parsed', () => {
    const html = '<p>code: a[b[0]]> c ]]> end</p>';
    assert.equal(cdata(html), '<![CDATA[<p>code: a[b[0]]]]><![CDATA[> c ]]]]><![CDATA[> end</p>]]>');
    assert.equal(parsedText(cdata(html)), html);
  });

  it('removes characters XML 1.0 does not allow', () => {
    assert.equal(cdata('a\u0000b\uD800c'), '<![CDATA[abc]]>');
  });
});

describe('element', () => {
  it('writes an element with escaped text and attributes', () => {
    assert.equal(element('guid', 'a&b', { isPermaLink: 'false', note: '"x"' }), '<guid isPermaLink="false" note="&quot;x&quot;">a&amp;b</guid>');
  });

  it('writes nothing for a missing or empty value', () => {
    assert.equal(element('description', undefined), '');
    assert.equal(element('description', ''), '');
  });
});
