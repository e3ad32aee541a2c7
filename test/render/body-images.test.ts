// Filling in the images the Markdown stage marked: address, copies, size; other images untouched.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';
import { BODY_IMAGE_SIZES, placeBodyImages } from '../../src/render/body-images.js';

const CHART = {
  src: 'images/abc/chart-960.png',
  width: 960,
  height: 540,
  bytes: 2000,
  copied: true,
  srcset: [
    { src: 'images/abc/chart-480.png', width: 480, bytes: 1000 },
    { src: 'images/abc/chart-960.png', width: 960, bytes: 2000 },
  ],
};
const LOGO = { src: 'images/logo.svg', width: 120, height: 40, bytes: 300, srcset: [], copied: false };

describe('placeBodyImages', () => {
  const markdown = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false });
  const rendered = markdown.render('![A chart](chart.png "Output") and ![The logo](/images/logo.svg) and ![](https://x.org/a.png)', (url) =>
    url.startsWith('/') ? `/news${url}` : url,
  );

  it('gives a copied image its address, copies, sizes, width and height, and keeps alt and title', () => {
    const html = placeBodyImages(rendered.html, [CHART, LOGO, undefined], (src) => `/news/${src}`);
    const $ = cheerio.load(html);
    const [chart, logo, remote] = $('img')
      .toArray()
      .map((image) => ({ ...image.attribs }));
    assert.deepEqual(chart, {
      src: '/news/images/abc/chart-960.png',
      srcset: '/news/images/abc/chart-480.png 480w, /news/images/abc/chart-960.png 960w',
      sizes: BODY_IMAGE_SIZES,
      width: '960',
      height: '540',
      alt: 'A chart',
      title: 'Output',
    });
    assert.deepEqual(logo, { src: '/news/images/logo.svg', alt: 'The logo', width: '120', height: '40' });
    assert.deepEqual(remote, { src: 'https://x.org/a.png', alt: '' });
    assert.doesNotMatch(html, /data-gazette-image/);
  });

  it('drops the mark of an image that was not published', () => {
    assert.equal(
      placeBodyImages('<p><img src="a.png" alt="A" data-gazette-image="0"></p>', [undefined], (src) => src),
      '<p><img src="a.png" alt="A"></p>',
    );
  });

  it('escapes the addresses it writes', () => {
    const html = placeBodyImages('<img src="a.png" alt="A" data-gazette-image="0">', [{ ...CHART, srcset: [] }], (src) => `/a&b"/${src}`);
    assert.equal(cheerio.load(html)('img').attr('src'), '/a&b"/images/abc/chart-960.png');
    assert.match(html, /src="\/a&amp;b&quot;\//);
  });
});
