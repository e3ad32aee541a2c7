// What a page is made from, named: each story as its cards and pages show it, so that a build
// that finds a page made from the same names keeps it without making it.

import type { StoryFileResult } from '../content/load.js';
import { keyOfJson } from '../keys.js';
import type { RenderedStories } from '../markdown/stage.js';
import type { Story } from '../model/types.js';
import type { StoryBodies } from '../render/bodies.js';

/**
 * Each story named by what its cards and pages show (see storyIdentity), when the content stage named
 * its file's bytes (the build cache does): a page whose stories' names did not change need not be made.
 */
export function nameStories(
  results: ReadonlyMap<string, StoryFileResult>,
  markdown: Pick<RenderedStories, 'of'>,
  bodies: Pick<StoryBodies, 'filledKeys'>,
): (story: Story) => string | undefined {
  const sourceKeys = new Map([...results.values()].flatMap((result) => (result.story && result.key ? [[result.story, result.key] as const] : [])));
  const names = new Map<Story, string | undefined>();
  return (story) => {
    if (!names.has(story)) {
      const source = sourceKeys.get(story.source);
      names.set(
        story,
        source === undefined ? undefined : storyIdentity(story, { source, markdown: markdown.of(story).hash, images: bodies.filledKeys.get(story) as string }),
      );
    }
    return names.get(story);
  };
}

/**
 * Names a story as cards and pages show it: what its source, its rendered Markdown and its images
 * are named by (the build's hashes of them), and what the rest of the site decides of it.
 */
export function storyIdentity(story: Story, made: { source: string; markdown: string; images: string }): string {
  const decided = [
    story.tagList.map((tag) => [tag.name, tag.slug]),
    story.sectionFront ? [story.sectionFront.name, story.sectionFront.slug] : null,
    story.authorList.map((author) => author?.slug ?? null),
    story.future,
  ];
  return keyOfJson([made.source, made.markdown, made.images, decided]);
}
