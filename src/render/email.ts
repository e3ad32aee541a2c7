// The edition by email: the view a day's email templates see (every URL absolute, for a message
// read far from the site), and the finishing of what they render: the theme's email.css inlined
// on every element for mail clients, the plain-text twin tidied.

import juice from 'juice/client.js';
import wrapAnsi from 'wrap-ansi';
import type { Config } from '../config-types.js';
import { textDirection } from '../language.js';
import type { Edition, Story } from '../model/types.js';
import { absoluteImageUrl, absoluteUrl } from '../urls/links.js';
import { ARCHIVE_PAGE, editionPath, emailPaths } from '../urls/paths.js';
import { say } from '../words.js';
import type { RenderedBody, TimeView } from './view-types.js';
import { byline, coverImage, editionTitle, formatTime } from './views.js';

export interface EmailStoryView {
  title: string;
  /** The story page, absolute. */
  url: string;
  summary: string;
  section: string | null;
  dateline: string | null;
  byline: string | null;
  /** The byline's names, for a theme that writes the byline in its own words. */
  authors: readonly string[];
  published: TimeView;
  image: { src: string; width: number | null; height: number | null; alt: string; caption: string | null; credit: string | null } | null;
  /** The wire credits line ("Reporting by …; Editing by …"), which goes wherever the story does. */
  credits: string | null;
}

export interface EmailView {
  day: string;
  /** The day in words: "Thursday, October 1, 2020". */
  title: string;
  /** The site's title and the day: a subject line for the message. */
  subject: string;
  /** The inbox preview: the number of stories and their headlines. */
  preheader: string;
  count: number;
  /** `ltr` or `rtl`, from the site's language. */
  direction: string;
  /** The edition page on the site ("View in browser"), the two email files, the archive: absolute. */
  webUrl: string;
  htmlUrl: string;
  textUrl: string;
  archiveUrl: string;
  stories: EmailStoryView[];
}

/** The stories in the edition page's order (newest first), with their summaries. */
export function emailView(edition: Edition, body: (story: Story) => EmailBody, config: Config): EmailView {
  const title = editionTitle(edition.day, config);
  const count = edition.stories.length;
  const paths = emailPaths(edition.day);
  return {
    day: edition.day,
    title,
    subject: `${config.title}: ${title}`,
    preheader: `${say(config, 'stories_count', { count })}: ${edition.stories.map((story) => story.title).join('; ')}`,
    count,
    direction: textDirection(config.language),
    webUrl: absoluteUrl(config, editionPath(edition.day)),
    htmlUrl: absoluteUrl(config, paths.html),
    textUrl: absoluteUrl(config, paths.text),
    archiveUrl: absoluteUrl(config, ARCHIVE_PAGE),
    stories: edition.stories.map((story) => emailStory(story, body(story), config)),
  };
}

/** What an email shows of a story's body: its summary and its published picture. */
export type EmailBody = Pick<RenderedBody, 'summary' | 'image'>;

/** The width of a picture in the email's sheet (600 pixels less its margins). */
export const EMAIL_IMAGE_WIDTH = 552;

/** The narrowest copy sharp on a screen of twice the density: the 1200-pixel copy of a photo. */
const EMAIL_IMAGE_PIXELS = EMAIL_IMAGE_WIDTH * 2;

function emailStory(story: Story, { summary, image: published }: EmailBody, config: Config): EmailStoryView {
  const image = story.image;
  const cover = coverImage(story, { image: published });
  const copy = cover?.srcset.find((candidate) => candidate.width >= EMAIL_IMAGE_PIXELS) ?? (cover && { src: cover.src, width: cover.width });
  // Shown EMAIL_IMAGE_WIDTH wide (or narrower, never wider than the picture), its height in proportion.
  const width = copy?.width === undefined ? null : Math.min(copy.width, EMAIL_IMAGE_WIDTH);
  const height = width !== null && cover?.width && cover.height ? Math.round((cover.height * width) / cover.width) : null;
  return {
    title: story.title,
    url: absoluteUrl(config, story.permalink),
    summary,
    section: story.section ?? null,
    dateline: story.dateline ?? null,
    byline: byline(config, story.authors),
    authors: story.authors,
    published: formatTime(story.date, config),
    image: image
      ? {
          src: absoluteImageUrl(config, copy?.src ?? image.src),
          width,
          height,
          alt: image.alt ?? '',
          caption: image.caption ?? null,
          credit: image.credit ?? null,
        }
      : null,
    credits: story.credits ?? null,
  };
}

/**
 * The rendered email with `css` written into a style attribute on every element it matches, as
 * mail clients that drop <style> (Gmail's apps, Outlook) need. Media queries cannot be inlined:
 * juice keeps them in one <style> in the head, for the clients that honour them (dark mode, phones).
 */
export function inlineEmailCss(html: string, css: string): string {
  return juice(html, {
    extraCss: css,
    applyStyleTags: true,
    removeStyleTags: true,
    preserveMediaQueries: true,
    preserveFontFaces: false,
    applyWidthAttributes: true,
    applyHeightAttributes: false,
    applyAttributesTableElements: true,
    insertPreservedExtraCss: true,
  });
}

/** The columns the plain-text edition is wrapped to (mail clients show 72 to 78 without wrapping). */
export const TEXT_WIDTH = 72;

/**
 * Wrap text on spaces to at most `width` columns (wide characters count two); a word longer than a
 * line, such as a URL, stays whole on a line of its own, so that it still works when clicked.
 */
export function wrapText(text: string, width: number = TEXT_WIDTH): string {
  return wrapAnsi(text, width, { hard: false, trim: true, wordWrap: true });
}

/**
 * Plain text as a template leaves it, tidied so that its author can lay it out freely: no spaces at
 * the end of a line, at most one empty line in a row, none at the start, one newline at the end.
 */
export function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()}\n`;
}
