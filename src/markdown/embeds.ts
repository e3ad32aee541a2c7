// Embeds: an <iframe> in a story is kept only when its address is on the site's allow-list of
// providers (markdown.embeds), and then as Gazette writes it: sandboxed, loaded lazily, titled and
// sized; any other is removed with a notice. Feeds and emails cannot play an iframe: there an
// embed becomes a link with its title.

import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { EMBED_PROVIDER_NAMES } from '../config-settings.js';
import { type MarkdownNotice, noticeAt } from './notices.js';

type Kind = 'video' | 'chart' | 'map' | 'post';

interface Provider {
  kind: Kind;
  /** What an embed without a title is called. */
  label: string;
  hosts: readonly string[];
  /** The embed's path, where a host serves more than embeds; `*` hosts (Mastodon's servers) are recognised by it. */
  path?: RegExp;
}

/** The providers a newsroom embeds from, by the name the configuration gives them. */
export const EMBED_PROVIDERS: Readonly<Record<(typeof EMBED_PROVIDER_NAMES)[number], Provider>> = {
  youtube: {
    kind: 'video',
    label: 'YouTube video',
    hosts: ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com'],
    path: /^\/embed\//,
  },
  vimeo: { kind: 'video', label: 'Vimeo video', hosts: ['player.vimeo.com'] },
  datawrapper: { kind: 'chart', label: 'Datawrapper chart', hosts: ['datawrapper.dwcdn.net'] },
  flourish: { kind: 'chart', label: 'Flourish chart', hosts: ['flo.uri.sh', 'public.flourish.studio'] },
  'google-maps': { kind: 'map', label: 'Google map', hosts: ['www.google.com', 'maps.google.com'], path: /^\/maps\/embed/ },
  x: { kind: 'post', label: 'Post on X', hosts: ['platform.twitter.com'], path: /^\/embed\// },
  bluesky: { kind: 'post', label: 'Post on Bluesky', hosts: ['embed.bsky.app'] },
  mastodon: { kind: 'post', label: 'Post on Mastodon', hosts: ['*'], path: /^\/@[^/]+\/\d+\/embed$/ },
  instagram: { kind: 'post', label: 'Post on Instagram', hosts: ['www.instagram.com', 'instagram.com'], path: /^\/(p|reel)\/[^/]+\/embed/ },
};

/** A chart or post without a height of its own gets this many pixels. */
const CHART_HEIGHT = 400;

/** Videos without a size of their own keep the shape of a screen. */
const VIDEO_RATIO = [16, 9] as const;

/** Which provider an address is from, among `allowed` (provider names, or host names the site trusts). */
function providerOf(url: URL, allowed: readonly string[]): Provider | undefined {
  for (const name of allowed) {
    const provider = (EMBED_PROVIDERS as Readonly<Record<string, Provider>>)[name];
    if (provider === undefined) {
      if (url.hostname === name) return { kind: 'chart', label: `Embed from ${name}`, hosts: [name] };
      continue;
    }
    const host = provider.hosts.includes('*') || provider.hosts.includes(url.hostname);
    if (host && (provider.path === undefined || provider.path.test(url.pathname))) return provider;
  }
  return undefined;
}

/** The https address of an iframe's `src`, or undefined when it is none (relative, or another scheme). */
function embedAddress(src: unknown): URL | undefined {
  if (typeof src !== 'string') return undefined;
  try {
    const url = new URL(src.startsWith('//') ? `https:${src}` : src);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.protocol = 'https:';
    return url;
  } catch {
    return undefined;
  }
}

/** Keeps the allowed embeds (each in a `<div class="embed embed-…">`) and removes the others; returns the kept ones and the notices. */
export function placeEmbeds(tree: Root, allowed: readonly string[]): { embeds: Element[]; notices: MarkdownNotice[] } {
  const embeds: Element[] = [];
  const notices: MarkdownNotice[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'iframe' || parent === undefined || index === undefined) return undefined;
    const url = embedAddress(node.properties.src);
    const provider = url && providerOf(url, allowed);
    if (url === undefined || provider === undefined) {
      const where = url ? url.hostname : 'an address that is not on the web';
      notices.push(noticeAt('embed-refused', node, `an <iframe> from ${where} was removed: it is not on the embed allow-list`));
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    const embed = embedOf(node, url, provider);
    parent.children.splice(index, 1, embed);
    embeds.push(embed);
    return SKIP;
  });
  return { embeds, notices };
}

/** The iframe as Gazette writes it, in its wrapper: only the attributes named here, whatever the author wrote. */
function embedOf(node: Element, url: URL, provider: Provider): Element {
  const title = typeof node.properties.title === 'string' && node.properties.title.trim() !== '' ? node.properties.title.trim() : provider.label;
  const width = pixels(node.properties.width);
  const height = pixels(node.properties.height);
  const ratio = width && height ? [width, height] : provider.kind === 'video' ? VIDEO_RATIO : undefined;
  const iframe: Element = {
    type: 'element',
    tagName: 'iframe',
    properties: {
      src: url.href,
      title,
      loading: 'lazy',
      sandbox: ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-presentation'],
      allowFullScreen: provider.kind === 'video' || provider.kind === 'map',
      referrerPolicy: 'strict-origin-when-cross-origin',
      ...(ratio ? { style: `aspect-ratio: ${ratio[0]} / ${ratio[1]}` } : { height: height ?? CHART_HEIGHT }),
    },
    children: [],
    position: node.position,
  };
  return { type: 'element', tagName: 'div', properties: { className: ['embed', `embed-${provider.kind}`] }, children: [iframe], position: node.position };
}

function pixels(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return number > 0 && number < 100_000 ? Math.round(number) : undefined;
}

/** Each embed turned into a paragraph linking to it by its title, as feeds and emails show it. */
export function embedsAsLinks(embeds: readonly Element[]): void {
  for (const embed of embeds) {
    const iframe = embed.children[0] as Element;
    const link: ElementContent = {
      type: 'element',
      tagName: 'a',
      properties: { href: String(iframe.properties.src) },
      children: [{ type: 'text', value: String(iframe.properties.title) }],
    };
    embed.tagName = 'p';
    embed.properties = { className: ['embed-link'] };
    embed.children = [link];
  }
}
