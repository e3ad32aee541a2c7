import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { besidePage, standalonePagePath } from '../../src/urls/paths.js';

describe('standalonePagePath', () => {
  it('gives a page below pages/ its path there without the extension', () => {
    assert.equal(standalonePagePath('pages/about.md'), 'about/');
    assert.equal(standalonePagePath('pages/policies/corrections.markdown'), 'policies/corrections/');
    assert.equal(standalonePagePath('pages/team/index.md'), 'team/');
  });

  it('gives a page elsewhere its slug, or its file name', () => {
    assert.equal(standalonePagePath('desk/contact.md'), 'contact/');
    assert.equal(standalonePagePath('desk/contact/index.md'), 'contact/');
    assert.equal(standalonePagePath('desk/contact.md', 'write-to-us'), 'write-to-us/');
  });

  it('keeps case and letters of any script, and makes any other run of characters one hyphen', () => {
    assert.equal(standalonePagePath('pages/Our Team & Values.md'), 'Our-Team-Values/');
    assert.equal(standalonePagePath('pages/من-نحن.md'), 'من-نحن/');
    assert.equal(standalonePagePath('pages/v1.2_notes~draft.md'), 'v1.2_notes~draft/');
  });
});

describe('besidePage', () => {
  it("puts a file at the same path from the page as from the story's file", () => {
    assert.equal(besidePage('2020/10/01/slug/', 'report.pdf'), '2020/10/01/slug/report.pdf');
    assert.equal(besidePage('2020/10/01/slug/', 'data/votes.csv'), '2020/10/01/slug/data/votes.csv');
    assert.equal(besidePage('2020/slug.html', 'report.pdf'), '2020/report.pdf');
  });
});
