// What `gazette init` writes: the files of a new site, each as its path and text. The settings come
// from the command line; the example story is dated when the site is made, so the first build shows it.

import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import { stringify } from 'yaml';

export interface SkeletonSettings {
  title: string;
  baseUrl: string;
  language: string;
  /** What the site's package.json installs Gazette from: a git URL, a tarball or folder (`file:…`). */
  gazette: string;
  /** The package's name, as its package.json gives it. */
  packageName: string;
  /** The site's folder name, for its package.json. */
  folderName: string;
  now: DateTime;
}

export function siteSkeleton(settings: SkeletonSettings): { path: string; text: string }[] {
  const day = settings.now.setZone('utc');
  return [
    { path: 'gazette.config.yaml', text: config(settings) },
    { path: `content/${day.toFormat('yyyy/MM/dd')}/welcome.md`, text: exampleStory(day) },
    { path: 'package.json', text: packageJson(settings) },
    { path: '.gitignore', text: 'node_modules/\ndist/\n.gazette/\n' },
    { path: '.github/workflows/pages.yml', text: PAGES_WORKFLOW },
  ];
}

function config(settings: SkeletonSettings): string {
  return [
    '# The settings of this Gazette site: every setting is in the README\'s "Configuration".',
    stringify({ title: settings.title }, { lineWidth: 0 }).trimEnd(),
    '# The address the site is published at: feeds, sitemaps and link previews use it.',
    '# The GitHub Pages workflow (.github/workflows/pages.yml) builds with its own address.',
    stringify({ baseUrl: settings.baseUrl, language: settings.language, timeZone: 'UTC' }, { lineWidth: 0 }),
  ].join('\n');
}

function exampleStory(day: DateTime): string {
  const fields = stringify(
    {
      title: 'Welcome to your Gazette',
      date: day.toISO({ suppressMilliseconds: true }),
      section: 'News',
      authors: ['The Editors'],
      tags: ['Gazette'],
      summary: 'How this site is made, and where to write the next story.',
      id: `urn:uuid:${randomUUID()}`,
    },
    { lineWidth: 0 },
  );
  return `---
${fields}---

This story is a Markdown file in \`content/\`. Write the next one with \`npm run new -- "Headline"\`,
see it with \`npm run dev\`, and publish the site with \`npm run build\` (into \`dist/\`).

The look comes from Gazette's default theme: \`npm run theme -- eject\` lists its files, and
\`npm run theme -- eject partials/footer\` copies one into \`templates/\` for you to change.
`;
}

function packageJson(settings: SkeletonSettings): string {
  const name =
    settings.folderName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'gazette-site';
  const json = {
    name,
    private: true,
    type: 'module',
    scripts: { build: 'gazette build', dev: 'gazette dev', check: 'gazette check', new: 'gazette new', theme: 'gazette theme' },
    dependencies: { [settings.packageName]: settings.gazette },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Builds on every push to main and publishes to GitHub Pages, keeping the build cache between runs. */
const PAGES_WORKFLOW = `# Build the site and publish it on GitHub Pages (Settings → Pages → Source: GitHub Actions).
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - id: pages
        uses: actions/configure-pages@v5
      - run: npm install
      # The build cache (.gazette/): without it every build starts cold.
      - uses: actions/cache@v4
        with:
          path: .gazette
          key: gazette-\${{ github.run_id }}
          restore-keys: gazette-
      - run: npm run build -- --base-url "\${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
