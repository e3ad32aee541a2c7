// The template tags of Jekyll (Liquid), Hugo (shortcodes), Zola and Pelican that a post's body
// holds, turned into Markdown or HTML that Gazette publishes; any other tag is left as written and
// named in the report.

import type { ImportNote } from './story.js';

export interface TagContext {
  file: string;
  /** The new URL of the post another post's tag names (`{% post_url 2020-10-03-x %}`, `{{< ref "x.md" >}}`). */
  urlOf(reference: string): string | undefined;
  notes: ImportNote[];
}

/** The attributes of a tag: `src="a" alt='b' c=d`, and its bare words in order. */
export function attributesOf(text: string): { named: Record<string, string>; words: string[] } {
  const named: Record<string, string> = {};
  const words: string[] = [];
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|'([^']*)'|([^\s=]+)/g)) {
    if (match[1] !== undefined) named[match[1]] = match[2] ?? match[3] ?? match[4] ?? '';
    else words.push(match[5] ?? match[6] ?? match[7] ?? '');
  }
  return { named, words };
}

const YOUTUBE_ID = /^[\w-]{6,20}$/;

function youtube(id: string | undefined, context: TagContext, tag: string): string {
  if (id === undefined || !YOUTUBE_ID.test(id)) {
    context.notes.push({ kind: 'template tag not converted', file: context.file, detail: tag });
    return tag;
  }
  return `<iframe src="https://www.youtube-nocookie.com/embed/${id}" title="YouTube video" width="560" height="315" allowfullscreen></iframe>`;
}

function image(src: string | undefined, alt: string | undefined, caption: string | undefined, context: TagContext, tag: string): string {
  if (!src) {
    context.notes.push({ kind: 'template tag not converted', file: context.file, detail: tag });
    return tag;
  }
  const text = (alt ?? caption ?? '').replace(/[[\]]/g, '');
  return `![${text}](${src.includes(' ') ? `<${src}>` : src})${caption ? `\n\n*${caption.trim()}*` : ''}`;
}

function reference(target: string | undefined, context: TagContext, tag: string): string {
  const url = target === undefined ? undefined : context.urlOf(target);
  if (url === undefined) {
    context.notes.push({ kind: 'link to a post not found', file: context.file, detail: tag });
    return tag;
  }
  return url;
}

/** Every template tag of `body` Gazette knows, converted; the others noted. */
export function convertTemplateTags(body: string, context: TagContext): string {
  let text = body
    // Jekyll: {% highlight ruby linenos %} … {% endhighlight %} is a fenced code block.
    .replace(
      /\{%-?\s*highlight\s+([\w+#-]+)[^%]*-?%\}\n?([\s\S]*?)\n?\{%-?\s*endhighlight\s*-?%\}/g,
      (_, language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``,
    )
    .replace(/\{%-?\s*(raw|endraw)\s*-?%\}/g, '')
    .replace(/\{\{-?\s*site\.(baseurl|url)\s*-?\}\}/g, '')
    .replace(/\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}/g, (tag, name: string) => reference(name, context, tag))
    .replace(/\{%-?\s*link\s+([^\s%]+)\s*-?%\}/g, (tag, name: string) => reference(name, context, tag))
    .replace(/\{%-?\s*include\s+([\w./-]*(?:image|img|figure|picture)[\w./-]*)\s+([^%]*?)-?%\}/g, (tag, _name: string, rest: string) => {
      const { named } = attributesOf(rest);
      return image(
        named.src ?? named.url ?? named.file ?? named.path ?? named.image,
        named.alt ?? named.description,
        named.caption ?? named.title,
        context,
        tag,
      );
    })
    .replace(/\{%-?\s*youtube\s+"?([\w-]+)"?\s*-?%\}/g, (tag, id: string) => youtube(id, context, tag))
    // Hugo: {{< figure src="…" >}}, {{< youtube id >}}, {{< ref "x.md" >}}, also with {{% … %}}.
    .replace(/\{\{[<%]\s*(figure|youtube|ref|relref|highlight)\b([^>%]*?)\s*[>%]\}\}/g, (tag, name: string, rest: string) => {
      const { named, words } = attributesOf(rest);
      if (name === 'figure') return image(named.src, named.alt, named.caption ?? named.title, context, tag);
      if (name === 'youtube') return youtube(named.id ?? words[0], context, tag);
      if (name === 'highlight') return `\`\`\`${words[0] ?? ''}`;
      return reference(words[0] ?? named.path, context, tag);
    })
    .replace(/\{\{[<%]\s*\/highlight\s*[>%]\}\}/g, '```')
    // Zola: {{ youtube(id="…") }}, and @/blog/post.md internal links.
    .replace(/\{\{\s*youtube\(\s*id\s*=\s*"([\w-]+)"[^)]*\)\s*\}\}/g, (tag, id: string) => youtube(id, context, tag))
    .replace(/\]\(@\/([^)\s#]+)(#[^)\s]*)?\)/g, (tag, target: string, anchor = '') => {
      const url = context.urlOf(target);
      return url === undefined ? reference(target, context, tag) : `](${url}${anchor})`;
    })
    // Pelican: {filename}/x.md and {static}/… links.
    .replace(/\{(?:filename|index)\}\/?([^)\s"']+\.(?:md|markdown|rst))/g, (tag, target: string) => reference(target, context, tag));
  for (const match of text.matchAll(/\{%-?\s*[\w]+[^%]*%\}|\{\{[<%][^}]*[>%]\}\}/g)) {
    context.notes.push({ kind: 'template tag not converted', file: context.file, detail: match[0].slice(0, 80) });
  }
  text = text.replace(/\r\n?/g, '\n');
  return text;
}
