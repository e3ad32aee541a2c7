// What templates receive: the view objects of the template contract, every date formatted and
// every link decided.

import type { PublishedImage } from '../images/published.js';
import type { LazyHtml } from '../markdown/lazy-html.js';
import type { ShareLink } from './share.js';

export interface TimeView {
  iso: string;
  date: string;
  time: string;
  zone: string;
  display: string;
}

/** A tag as a story shows it: a link. */
export interface TagLink {
  name: string;
  slug: string;
  url: string;
}

/** A tag as the tags overview and its own page show it, with its number of stories. */
export interface TagView extends TagLink {
  count: number;
}

/** A section as the navigation and a story's kicker link it. */
export interface SectionLink {
  name: string;
  slug: string;
  url: string;
}

export interface SectionView extends SectionLink {
  count: number;
}

/** A name of a byline, as the story writes it, linked to its author's page (none for a name without letters). */
export interface AuthorLink {
  name: string;
  url: string | null;
}

/** An author's page and the authors overview: the profile's facts when there is one. */
export interface AuthorView {
  name: string;
  slug: string;
  url: string;
  count: number;
  bio: string | null;
  photo: ImageView | null;
  email: string | null;
  links: { title: string; url: string }[];
}

export interface ImageView {
  src: string;
  /** The published copies, for `srcset`; null for an image published as it is. */
  srcset: string | null;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string | null;
  credit: string | null;
}

export interface StoryCardView {
  title: string;
  url: string;
  summary: string;
  published: TimeView;
  section: string | null;
  /** The section's front page, when the section has one. */
  sectionUrl: string | null;
  dateline: string | null;
  /** The story's own language and its direction (`ltr`, `rtl`), when it gives one. */
  lang: string | null;
  dir: string | null;
  byline: string | null;
  /** On a card, the first CARD_NAMES of them; `moreAuthors` counts the rest. */
  authors: AuthorLink[];
  moreAuthors: number;
  /** On a card, the first CARD_NAMES of them; `moreTags` counts the rest. */
  tags: TagLink[];
  moreTags: number;
  image: ImageView | null;
  draft: boolean;
  /** Dated after the build's clock: only in builds with --future (and the dev server). */
  scheduled: boolean;
}

export interface StoryView extends StoryCardView {
  html: string | LazyHtml;
  /** The story's own `summary` under its headline; null without one (its lead is the body's first paragraph). */
  standfirst: string | null;
  /** The first paragraph opens with a drop cap (render/lead.ts). */
  dropCap: boolean;
  /** Minutes to read the story, with `readingTime: true`; else null. */
  readingTime: number | null;
  /** Where the reader may share the story (the `share` setting), in order. */
  share: ShareLink[];
  /** The last change (an update or a correction), when there was one. */
  updated: TimeView | null;
  corrections: { time: TimeView; text: string }[];
  credits: string | null;
  data: Record<string, unknown>;
}

export interface EditionView {
  day: string;
  title: string;
  url: string;
  stories: StoryCardView[];
  count: number;
}

export interface RenderedBody {
  html: string | LazyHtml;
  summary: string;
  /** The body's first paragraph as plain text (cut on a word), when the body has one. */
  lead?: string;
  /** The words of the body, for its reading time. */
  words?: number;
  /** The front-matter image as published (images stage); without it, the image as written. */
  image?: PublishedImage;
}
