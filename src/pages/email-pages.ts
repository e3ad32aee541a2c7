// A day's edition as an email and as plain text, for sending.

import type { Config } from '../config-types.js';
import type { Edition, Story } from '../model/types.js';
import type { EmailBody } from '../render/email.js';
import { emailView } from '../render/email.js';
import { WEBSITE_META } from '../render/metadata.js';
import type { Page, PageKind } from '../render/page.js';
import { emailPaths } from '../urls/paths.js';

/**
 * A day's edition as an email (`2020/10/01/email.html`) and as plain text (`email.txt`), both
 * rendered from one view with absolute URLs. Not in the sitemap: they are for sending.
 */
export function emailPages(edition: Edition, body: (story: Story) => EmailBody, config: Config): Page[] {
  const email = emailView(edition, body, config);
  const paths = emailPaths(edition.day);
  const page = (kind: PageKind, file: string): Page => ({
    kind,
    path: file,
    file,
    title: email.subject,
    description: email.preheader,
    lastmod: undefined,
    feeds: [],
    meta: WEBSITE_META,
    jsonLd: null,
    data: { email },
  });
  return [page('email', paths.html), page('email-text', paths.text)];
}
