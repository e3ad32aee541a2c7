import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHighlighter, mayHoldCode } from '../../src/markdown/code.js';
import { createMarkdownRenderer, cutOnWord, SUMMARY_LENGTH } from '../../src/markdown/processor.js';
import { isSafeUrl, pageUrlResolver } from '../../src/urls/links.js';

const keep = (url: string) => url;
const safe = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false });
const trusting = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: true });
const html = (markdown: string) => safe.render(markdown, keep).html;

describe('createMarkdownRenderer', () => {
  it('renders GFM tables', () => {
    assert.equal(
      html('| a | b |\n|---|---|\n| 1 | 2 |\n'),
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('renders strikethrough and bare links', () => {
    assert.equal(
      html('It was ~~wrong~~ right. See https://example.org and www.example.com.'),
      '<p>It was <del>wrong</del> right. See <a href="https://example.org">https://example.org</a> and <a href="http://www.example.com">www.example.com</a>.</p>',
    );
  });

  it('links footnote references and notes to each other', () => {
    const rendered = html('Claim[^1].\n\n[^1]: The source.\n');
    const ids = [...rendered.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    const targets = [...rendered.matchAll(/ href="#([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(targets, ['user-content-fn-1', 'user-content-fnref-1']);
    for (const target of targets) assert.ok(ids.includes(target), `#${target} has no element`);
  });

  it('sums the story up by its first paragraph as plain text, cut on a word near 280 characters', () => {
    const long = `${'Word after word, '.repeat(30)}the end.`;
    const summary = safe.render(`${long}\n\nSecond.`, keep).summary;
    assert.equal(summary, cutOnWord(long, SUMMARY_LENGTH));
    assert.ok(summary.length <= 280 && summary.endsWith('…') && long.startsWith(summary.slice(0, -1)), summary);
  });

  it('gives the first paragraph as plain text', () => {
    const rendered = safe.render('# Title\n\nFirst *para*\ngraph with `code`.\n\nSecond.', keep);
    assert.equal(
      rendered.html,
      '<h1 id="title">Title<a class="heading-anchor" href="#title" aria-label="Link to this section">#</a></h1>\n<p>First <em>para</em>\ngraph with <code>code</code>.</p>\n<p>Second.</p>',
    );
    assert.equal(rendered.summary, 'First para graph with code.');
    assert.equal(safe.render('# Only a heading', keep).summary, '');
  });

  it('leaves raw HTML out of the first paragraph', () => {
    assert.equal(safe.render('A <b>bold</b> claim.\n\nMore.', keep).summary, 'A bold claim.');
  });

  describe('raw HTML', () => {
    const markdown = 'Text <script>alert(1)</script> more\n\n<div onclick="steal()">Block</div>\n\n<script>\nalert(2)\n</script>\n';

    it('keeps what the allow-list keeps, and names each removal at its line', () => {
      const rendered = safe.render(markdown, keep);
      assert.equal(rendered.html, '<p>Text  more</p>\n<div>Block</div>');
      assert.deepEqual(
        rendered.notices.map(({ line, column, message }) => [line, column, message]),
        [
          [1, 6, 'the <script> element was removed with its content'],
          [3, 1, 'the onclick attribute of <div> was removed'],
          [5, 1, 'the <script> element was removed with its content'],
        ],
      );
    });

    it('drops an HTML comment without a word', () => {
      const rendered = safe.render('<!-- note to the editor -->\n\nText', keep);
      assert.equal(rendered.html, '<p>Text</p>');
      assert.deepEqual(rendered.notices, []);
    });

    it('is not reported when there is none', () => {
      assert.deepEqual(safe.render('Plain *text*.', keep).notices, []);
    });

    it('is kept as written with rawHtml on, scripts too', () => {
      const rendered = trusting.render('Text <b>bold</b>\n\n<div class="box" onclick="go()">Block</div>\n\n<script>run()</script>\n', keep);
      assert.equal(rendered.html, '<p>Text <b>bold</b></p>\n<div class="box" onclick="go()">Block</div>\n<script>run()</script>');
      assert.deepEqual(rendered.notices, []);
    });
  });

  describe('code', async () => {
    const highlighter = await loadHighlighter();
    const highlighting = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false, highlighter: () => highlighter });
    const code = '```python\ndef peak(levels):\n    return max(levels)\n```\n\n```nosuch\nplain\n```\n\n    indented\n';

    it('highlights a fenced block in a language highlight.js knows, and leaves others plain', () => {
      assert.equal(
        highlighting.render(code, keep).html,
        '<pre><code class="language-python hljs"><span class="hljs-keyword">def</span> <span class="hljs-title function_">peak</span>(<span class="hljs-params">levels</span>):\n    <span class="hljs-keyword">return</span> <span class="hljs-built_in">max</span>(levels)\n</code></pre>\n<pre><code class="language-nosuch">plain\n</code></pre>\n<pre><code>indented\n</code></pre>',
      );
    });

    it('leaves code plain without a highlighter', () => {
      assert.doesNotMatch(safe.render(code, keep).html, /hljs/);
    });

    it('knows a story may hold code whenever it has a fence with a language or a language- class', () => {
      for (const text of ['```js\nx\n```', '> - ~~~ python\nx\n~~~', 'text\n\n````sql', '<pre><code class="language-go">x</code></pre>'])
        assert.ok(mayHoldCode(text), text);
      for (const text of ['no code', '```\nplain\n```', '    indented']) assert.ok(!mayHoldCode(text), text);
    });
  });

  describe('headings', () => {
    it("gives ids by GitHub's rules, Unicode kept, unique in the story, never one an author gave", () => {
      const rendered = safe.render('## The method\n\n## The method\n\n### Ünïcode 標題!\n\n<h2 id="the-method-2">Raw</h2>\n\n## The method\n', keep);
      assert.deepEqual(
        [...rendered.html.matchAll(/<h\d id="([^"]+)"/g)].map((match) => match[1]),
        ['the-method', 'the-method-1', 'ünïcode-標題', 'the-method-2', 'the-method-3'],
      );
    });

    it('shows anchors on the page but not in feeds, and warns of in-page links to nowhere', () => {
      const rendered = safe.render(
        '[up](#top) [ok](#the-method) [bad](#gone) [note](#user-content-fn-1)[^1]\n\n## The method\n\n[^1]: A note.\n',
        keep,
        (url) => new URL(url, 'https://example.org/s/').href,
      );
      assert.match(rendered.html, /<a class="heading-anchor" href="#the-method"/);
      assert.doesNotMatch(rendered.feedHtml ?? '', /heading-anchor/);
      assert.deepEqual(
        rendered.notices.map(({ code, line, column }) => [code, line, column]),
        [['anchor-missing', 1, 30]],
      );
    });
  });

  describe('template tags', () => {
    it('names each tag at its line, and never looks in code', () => {
      const rendered = safe.render(
        'Intro {% include note.html %}\n\n{{< figure src="a.jpg" >}}\n\n{{% notice %}}x{{% /notice %}}\n\n`{% raw %}`\n\n```\n{% highlight js %}\n```\n',
        keep,
      );
      assert.deepEqual(
        rendered.notices.map(({ line, column, message }) => [line, column, message.split(' is ')[0]]),
        [
          [1, 7, 'the template tag {% include %}'],
          [3, 1, 'the template tag {{< figure >}}'],
          [5, 1, 'the template tag {{% notice %}}'],
          [5, 16, 'the template tag {{% /notice %}}'],
        ],
      );
    });
  });

  describe('embeds', () => {
    it('keeps an iframe of an allowed provider sandboxed, lazy, titled and sized, and removes others with a notice', () => {
      const body =
        '<iframe src="https://player.vimeo.com/video/1" width="640" height="360"></iframe>\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n';
      const onlyVimeo = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false, embeds: ['vimeo'] }).render(body, keep, keep);
      assert.equal(
        onlyVimeo.html,
        '<div class="embed embed-video"><iframe src="https://player.vimeo.com/video/1" title="Vimeo video" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation" allowfullscreen referrerpolicy="strict-origin-when-cross-origin" style="aspect-ratio: 640 / 360"></iframe></div>',
      );
      assert.equal(onlyVimeo.feedHtml, '<p class="embed-link"><a href="https://player.vimeo.com/video/1">Vimeo video</a></p>');
      assert.deepEqual(
        onlyVimeo.notices.map(({ code, line }) => [code, line]),
        [['embed-refused', 3]],
      );
      const mastodon = safe.render('<iframe src="https://social.example/@ana/1234/embed" width="400"></iframe>', keep);
      assert.match(
        mastodon.html,
        /class="embed embed-post"><iframe src="https:\/\/social.example\/@ana\/1234\/embed" title="Post on Mastodon"[^>]* height="400"/,
      );
    });
  });

  describe('unsafe URLs', () => {
    const unsafe = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '<java\tscript:alert(1)>',
      '&#106;avascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    ];

    for (const url of unsafe) {
      it(`drops the href of a link to ${JSON.stringify(url)} and keeps its text`, () => {
        assert.equal(html(`Click [here](${url}) now.`), '<p>Click here now.</p>');
      });
    }

    it('drops them with rawHtml on too', () => {
      assert.equal(trusting.render('Click [here](javascript:alert(1)) now.', keep).html, '<p>Click here now.</p>');
    });

    it('removes unsafe images and keeps safe ones', () => {
      assert.equal(
        html('An ![evil](javascript:alert(1)) image and ![ok](/images/a.png) one.'),
        '<p>An  image and <img src="/images/a.png" alt="ok" data-gazette-image="0"> one.</p>',
      );
      assert.equal(html('![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'), '<p></p>');
    });

    it('says where the first removed link or image was, and how many were removed', () => {
      const rendered = safe.render('Safe [link](/a/).\n\nThen [one](javascript:x) and\n  ![two](data:x).\n', keep);
      assert.deepEqual(rendered.droppedUrl, { line: 3, column: 6, count: 2 });
      assert.equal(safe.render('Safe [link](/a/).', keep).droppedUrl, null);
    });

    it('removes images at a file: or other address not on the web, as written or by reference, and keeps such links', () => {
      for (const url of [
        'file:///etc/passwd',
        'FILE://server/share/x.png',
        'fi\tle:///x.png',
        'smb://server/x.png',
        'ftp://example.org/x.png',
        'blob:https://example.org/1',
      ]) {
        // With raw HTML kept, no sanitizer stands behind this stage.
        const rendered = trusting.render(`An ![image](<${url}>) and a [link](<${url}>).`, keep);
        assert.notEqual(rendered.droppedUrl, null, url);
        assert.deepEqual(rendered.images, [], url);
        assert.doesNotMatch(rendered.html, /<img/, url);
      }
      const referenced = safe.render('An ![image][map] and a [link][map].\n\n[map]: file:///etc/passwd\n', keep);
      // The link stays (the sanitizer leaves it no href); only the picture goes.
      assert.equal(referenced.html, '<p>An  and a <a>link</a>.</p>');
      assert.deepEqual([referenced.droppedUrl?.count, referenced.images], [1, []]);
      const web = safe.render(
        '![a](https://example.org/a.png) ![b](//cdn.example.org/b.png) ![c](/c.png) ![d](d.png) ![e][e]\n\n[e]: HTTP://example.org/e.png\n',
        keep,
      );
      assert.deepEqual(
        [web.droppedUrl, web.images.map((image) => image.url)],
        [null, ['https://example.org/a.png', '//cdn.example.org/b.png', '/c.png', 'd.png', 'HTTP://example.org/e.png']],
      );
    });

    it('removes an unsafe image inside an unsafe link', () => {
      assert.equal(html('[![img](javascript:x)](javascript:y) tail'), '<p> tail</p>');
    });

    it('removes unsafe link definitions', () => {
      assert.equal(html('[the text][ref] here\n\n[ref]: javascript:alert(1)\n'), '<p>[the text][ref] here</p>');
    });

    it('isSafeUrl tells them apart', () => {
      for (const url of ['https://example.org/', '/a/', '../b/', '#top', 'mailto:desk@example.org', 'javascript-tips/']) {
        assert.equal(isSafeUrl(url), true, url);
      }
      for (const url of ['javascript:x', ' JAVASCRIPT:x', 'java\u0000script:x', 'vbscript:x', 'DATA:text/html,x']) {
        assert.equal(isSafeUrl(url), false, url);
      }
    });
  });

  it('passes every link and image through the resolver: root-relative ones gain the base path', () => {
    const resolve = pageUrlResolver({ baseUrl: 'https://example.org/news/', basePath: '/news/' });
    assert.equal(
      safe.render('See [other](/2020/10/01/other/), [rel](../x/), ![i](/images/a.png), [abs](https://x.org/) and [ref][r].\n\n[r]: /tags/algeria/\n', resolve)
        .html,
      '<p>See <a href="/news/2020/10/01/other/">other</a>, <a href="../x/">rel</a>, <img src="/news/images/a.png" alt="i" data-gazette-image="0">, <a href="https://x.org/">abs</a> and <a href="/news/tags/algeria/">ref</a>.</p>',
    );
  });
});

describe('cutOnWord', () => {
  it('leaves text within the limit as it is', () => {
    assert.equal(cutOnWord('Short text.', 11), 'Short text.');
  });

  it('cuts on the last word that fits, with an ellipsis', () => {
    assert.equal(cutOnWord('The quick brown fox jumps over the lazy dog', 20), 'The quick brown…');
  });

  it('drops punctuation before the ellipsis', () => {
    assert.equal(cutOnWord('One two three, four five six', 16), 'One two three…');
  });

  it('cuts inside a word when there is no space late enough', () => {
    assert.equal(cutOnWord('a'.repeat(30), 10), `${'a'.repeat(9)}…`);
  });

  it('never returns more than the limit', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt';
    for (let limit = 5; limit < text.length; limit++) {
      assert.ok(cutOnWord(text, limit).length <= limit, `limit ${limit}`);
    }
  });

  it('never cuts a character in half', () => {
    const cut = cutOnWord('🇩🇿🇩🇿🇩🇿🇩🇿🇩🇿🇩🇿', 8);
    // With the u flag, [\uD800-\uDFFF] matches only a surrogate without its other half.
    assert.doesNotMatch(cut, /[\uD800-\uDFFF]/u);
  });
});
