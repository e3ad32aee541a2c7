// Gazette's own paths: every file the sample site writes outside its dated story and edition
// folders is one an alias may not take, so that a new kind of output cannot go unlisted.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Story } from '../../src/model/types.js';
import { aliasCollisions, reservedAliasProblems } from '../../src/pages/aliases.js';
import { copySampleProject, type Project } from '../support/project.js';
import { makeStory } from '../support/stories.js';

/** A story of the site graph with these aliases (only what the alias checks read). */
function storyWithAliases(aliases: string[]): Story {
  return makeStory({ title: 'Renamed', date: '2020-10-04', aliases }) as Story;
}

describe('site paths', () => {
  let project: Project;
  let files: string[];
  before(async () => {
    project = await copySampleProject();
    await project.build();
    files = await project.files();
  });
  after(() => project?.remove());

  it('keeps every file the site writes outside its dated folders from aliases, and what is inside them', () => {
    const own = files.filter((file) => !/^\d{4}\//.test(file));
    assert.ok(own.length > 50, own.join(' '));
    const free = own.filter((file) => reservedAliasProblems([storyWithAliases([file])]).length === 0);
    assert.deepEqual(free, []);
    const inside = own.filter((file) => reservedAliasProblems([storyWithAliases([`${file}/old/`])]).length === 0);
    assert.deepEqual(inside, []);
  });

  it('finds an alias whose page needs a folder where the build writes a file, or the reverse, in any case', () => {
    const collision = aliasCollisions([storyWithAliases(['2020/10/01/Story/index.html/', 'old.html'])]);
    assert.match(collision('2020/10/01/story/index.html')?.format() ?? '', /needs a folder where Gazette writes \/2020\/10\/01\/story\/index\.html/);
    assert.match(collision('OLD.html/picture.png')?.format() ?? '', /is a file where Gazette needs a folder, for \/OLD\.html\/picture\.png/);
    assert.equal(collision('2020/10/01/story/index.html/index.html'), undefined, "the alias's own page");
    assert.equal(collision('2020/10/01/other/index.html'), undefined);
  });
});
