// The top of a story page: a drop cap only on a word it does not split, a standfirst only from `summary`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Story } from '../../src/model/types.js';
import { hasDropCap, readingMinutes, standfirst } from '../../src/render/lead.js';
import { storyView } from '../../src/render/views.js';
import { makeConfig } from '../support/config.js';
import { makeStory } from '../support/stories.js';

describe('hasDropCap', () => {
  it('opens a paragraph whose first word is in lower case after its first letter, or of one letter', () => {
    for (const lead of ['Delegations from Libya', 'A man walks', '“Quoted” words', 'Côte d’Ivoire', 'Algeria’s army', 'الجزائر تعلن']) {
      assert.equal(hasDropCap(lead), true, lead);
    }
  });

  it('leaves out a drop cap that would split an abbreviation, a word in capitals or a number', () => {
    for (const lead of ['US Secretary of Defense', 'U.S. officials', 'NATO allies', 'iPhone sales', '2020 was', 'EU-wide rules', '']) {
      assert.equal(hasDropCap(lead), false, lead);
    }
  });
});

describe('standfirst', () => {
  it('is the front-matter summary, and nothing without one', () => {
    const config = makeConfig();
    const site = buildSiteGraph(
      [makeStory({ title: 'With', date: '2020-10-01T10:00:00', summary: 'The standfirst.' }), makeStory({ title: 'Without', date: '2020-10-02T10:00:00' })],
      config,
    );
    assert.deepEqual(
      site.stories.map((story) => standfirst(story)),
      [null, 'The standfirst.'],
    );
  });
});

describe('readingMinutes', () => {
  it('rounds to whole minutes at 230 words a minute, at least one', () => {
    assert.deepEqual([0, 100, 344, 345, 1000].map(readingMinutes), [1, 1, 1, 2, 4]);
  });
});

describe('the reading time of a story page', () => {
  it('is given with readingTime: true, and not by default', () => {
    const story = (config: ReturnType<typeof makeConfig>) =>
      buildSiteGraph([makeStory({ title: 'Long', date: '2020-10-01T10:00:00' })], config).stories[0] as Story;
    const on = makeConfig({ readingTime: true });
    const off = makeConfig();
    const body = { html: '', summary: 'Long.', lead: 'Long.', words: 700 };
    assert.equal(storyView(story(on), body, on).readingTime, 3);
    assert.equal(storyView(story(off), body, off).readingTime, null);
  });
});
