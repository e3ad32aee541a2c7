// The sample built in French and in Arabic: the subscribe page, a story's share links and the feed
// stylesheet show the theme's words in the site's language, not English.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { copySampleProject, type Project } from './support/project.js';

const STORY = '2020/10/03/solar-mini-grids-bring-evening-light-to-villages-in-western-niger/index.html';

const EXPECTED = {
  fr: { subscribe: 'S’abonner', byEmail: 'Par e-mail', signUp: 'S’inscrire', email: 'E-mail', shareOn: 'Partager sur ', link: 'Lien', feed: 'Flux' },
  ar: { subscribe: 'اشترك', byEmail: 'بالبريد الإلكتروني', signUp: 'سجّل', email: 'البريد الإلكتروني', shareOn: 'شارك على ', link: 'رابط', feed: 'موجز' },
} as const;

for (const [language, words] of Object.entries(EXPECTED)) {
  describe(`the sample in ${language}`, () => {
    let project: Project;
    before(async () => {
      project = await copySampleProject();
      const settings = path.join(project.root, 'gazette.config.yaml');
      await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^language: en$/m, `language: ${language}`));
      await project.build();
    });
    after(() => project.remove());

    it('words the subscribe page in the language', async () => {
      const $ = cheerio.load(await project.read('subscribe/index.html'));
      assert.equal($('h1.page-title').text(), words.subscribe);
      assert.equal($('#newsletter-title').text(), words.byEmail);
      assert.equal($('form.signup button').text(), words.signUp);
      assert.ok($('title').text().startsWith(words.subscribe), $('title').text());
      assert.doesNotMatch($('main').text(), /\b(Subscribe|Follow|feed reader|Sign up|Sections|Authors|Daily editions)\b/);
    });

    it("words a story's share links in the language", async () => {
      const $ = cheerio.load(await project.read(STORY));
      const links = $('.share__link')
        .map((_, link) => $(link).text())
        .get();
      assert.ok(links.includes(`${words.link}`) || links.some((text) => text.startsWith(words.link)), links.join(' | '));
      assert.ok(
        links.some((text) => text.includes(words.email)),
        links.join(' | '),
      );
      assert.ok(
        links.some((text) => text.startsWith(words.shareOn)),
        links.join(' | '),
      );
      assert.doesNotMatch($('.share').text(), /\b(Share|Link|Email|to this story)\b/);
      assert.doesNotMatch($('.story__body').html() ?? '', /Link to this section/);
    });

    it('words the feed stylesheet in the language', async () => {
      const $ = cheerio.load(await project.read('feed.xsl'), { xml: true });
      assert.equal($('p.kicker').text(), words.feed);
      assert.doesNotMatch($('main').text(), /\b(This is a feed|Latest|Read it on the site)\b/);
    });
  });
}
