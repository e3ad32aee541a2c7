// Stories grouped by a name they carry: tags, sections and authors. Names that differ only in case
// or diacritics are one group (`Côte d'Ivoire`, `cote d'ivoire`), found by their slug. Sections are
// ordered as the configuration lists them; authors get their profile from authors.yaml.

import path from 'node:path';
import type { Config } from '../config-types.js';
import type { AuthorProfile } from '../content/authors.js';
import { GazetteError } from '../errors.js';
import { slugify } from '../urls/slug.js';
import type { Author, Section, Story } from './types.js';

interface Gathered {
  stories: Story[];
  /** Each spelling met, with how many stories wrote it. */
  spellings: Map<string, number>;
}

/**
 * Every story under each name it carries, by slug, in the order of `stories`. A name without a
 * letter or digit has no slug and makes no group.
 */
export function gatherByName(stories: readonly Story[], namesOf: (story: Story) => readonly string[]): Map<string, Gathered> {
  const bySlug = new Map<string, Gathered>();
  for (const story of stories) {
    for (const name of namesOf(story)) {
      const slug = slugify(name);
      if (slug === '') continue;
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { stories: [], spellings: new Map() }));
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      if (entry.stories.at(-1) !== story) entry.stories.push(story);
    }
  }
  return bySlug;
}

/** The spelling most stories use; ties go to the first in code point order. */
export function mostUsed(spellings: ReadonlyMap<string, number>): string {
  return [...spellings].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))[0]?.[0] ?? '';
}

/**
 * Sections in the navigation's order: the configured ones that have stories, as the configuration
 * spells them, then the others by name in the site's language.
 */
export function groupBySection(stories: readonly Story[], config: Config): Section[] {
  const gathered = gatherByName(stories, (story) => (story.section === undefined ? [] : [story.section]));
  const configured: Section[] = [];
  for (const { name } of config.sections) {
    const slug = slugify(name);
    const entry = gathered.get(slug);
    if (entry === undefined) continue;
    gathered.delete(slug);
    configured.push({ name, slug, stories: entry.stories, configured: true });
  }
  const others = [...gathered]
    .map(([slug, entry]): Section => ({ name: mostUsed(entry.spellings), slug, stories: entry.stories, configured: false }))
    .sort((a, b) => a.name.localeCompare(b.name, config.language) || (a.slug < b.slug ? -1 : 1));
  const sections = [...configured, ...others];
  for (const section of sections) for (const story of section.stories) story.sectionFront = section;
  return sections;
}

/** A configured section without a published story gets no page and no place in the navigation. */
export function unusedSectionWarnings(sections: readonly Section[], config: Config): GazetteError[] {
  const used = new Set(sections.map((section) => section.slug));
  const file = config.configFile === undefined ? undefined : path.relative(config.root, config.configFile) || config.configFile;
  return config.sections
    .filter(({ name }) => !used.has(slugify(name)))
    .map(
      ({ name, line, column }) =>
        new GazetteError({
          code: 'config-invalid',
          file,
          line,
          column,
          field: 'sections',
          message: `no published story is in the section "${name}": it has no page and is left out of the navigation`,
          hint: 'check its spelling against the stories\' "section:", or remove it',
        }),
    );
}

/**
 * Bylines written by a profile's key (`authors: [lchikhi]`) become the profile's name, so that the
 * byline reads "By Lamine Chikhi"; a byline matching a profile's name is left as written.
 */
export function resolveAuthorIds(stories: readonly Story[], profiles: readonly AuthorProfile[]): void {
  const names = new Set(profiles.map((profile) => slugify(profile.name)));
  const byKey = new Map(profiles.map((profile) => [slugify(profile.key), profile.name]));
  for (const story of stories) {
    if (story.authors.some((author) => !names.has(slugify(author)) && byKey.has(slugify(author)))) {
      story.authors = story.authors.map((author) => (names.has(slugify(author)) ? author : (byKey.get(slugify(author)) ?? author)));
    }
  }
}

/**
 * Authors by slug. A profile gives its author a name and the page named by its key; an author
 * without one is named by the spelling most bylines use. Problems: two authors wanting one page.
 */
export function groupByAuthor(stories: readonly Story[], profiles: readonly AuthorProfile[]): { authors: Author[]; problems: GazetteError[] } {
  const gathered = gatherByName(stories, (story) => story.authors);
  const authors: Author[] = [];
  const profileOf = new Map(profiles.map((profile) => [slugify(profile.name), profile]));
  for (const [nameSlug, entry] of gathered) {
    const profile = profileOf.get(nameSlug);
    const author: Author = {
      name: profile?.name ?? mostUsed(entry.spellings),
      slug: profile ? slugify(profile.key) : nameSlug,
      stories: entry.stories,
      profile,
    };
    authors.push(author);
  }
  const bySlug = new Map([...gathered.keys()].map((slug, index) => [slug, authors[index] as Author]));
  for (const story of stories) story.authorList = story.authors.map((name) => bySlug.get(slugify(name)));
  authors.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const problems: GazetteError[] = [];
  authors.forEach((author, index) => {
    const other = authors[index + 1];
    if (other?.slug !== author.slug) return;
    const [profiled, plain] = author.profile ? [author, other] : [other, author];
    const profile = profiled.profile as AuthorProfile;
    problems.push(
      profileProblem(
        profile,
        `names the page /authors/${author.slug}/, which is also the page of the byline "${plain.name}" (${plain.stories[0]?.file})`,
        'give the profile another key',
      ),
    );
  });
  return { authors, problems };
}

/** A profile that matches no published byline has no page: most often its name is misspelt. */
export function unusedProfileWarnings(authors: readonly Author[], profiles: readonly AuthorProfile[]): GazetteError[] {
  const used = new Set(authors.map((author) => author.profile));
  return profiles
    .filter((profile) => !used.has(profile))
    .map((profile) =>
      profileProblem(
        profile,
        `no published story has the author "${profile.name}": the profile has no page`,
        'check the spelling against the stories\' "author:", or give the profile a "name:" as bylines write it',
      ),
    );
}

function profileProblem(profile: AuthorProfile, message: string, hint: string): GazetteError {
  return new GazetteError({ code: 'authors-invalid', file: profile.file, line: profile.line, column: profile.column, field: profile.key, message, hint });
}
