// Author profiles from one data file, content/authors.yaml: a mapping from each author's key to a
// name, a short bio, a photo, an email address and links. Validated like a story's front-matter:
// every problem names the file, line, column and field. A site without the file has no profiles.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';
import { isSafeUrl, isWebImageAddress } from '../urls/links.js';
import { isDeviceName, slugify } from '../urls/slug.js';
import { describe, parseYaml, type YamlData, YamlProblem } from '../yaml.js';
import { FieldReader } from './fields.js';
import { MAX_STORY_BYTES } from './load.js';

export const AUTHORS_FILE = 'authors.yaml';
export const PROFILE_FIELDS = ['name', 'bio', 'photo', 'email', 'links'];

export interface AuthorProfile {
  /** The key in authors.yaml: it names the author's page (`/authors/<slug of key>/`). */
  key: string;
  /** The name as bylines write it (case and accents aside); the key when not given. */
  name: string;
  bio: string | undefined;
  photo: string | undefined;
  email: string | undefined;
  links: { title: string; url: string }[];
  /** Where the profile starts, for messages. */
  file: string;
  line: number | undefined;
  column: number | undefined;
}

export interface AuthorProfiles {
  profiles: AuthorProfile[];
  problems: GazetteError[];
  warnings: GazetteError[];
}

const SHAPE_HINT = 'e.g. "Lamine Chikhi:" and below it, indented, "bio: …", "photo: …", "email: …", "links: { Website: https://… }"';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The profiles in `<contentDir>/authors.yaml`; none when the file does not exist. */
export async function loadAuthorProfiles(root: string, contentDir: string): Promise<AuthorProfiles> {
  const absolute = path.join(contentDir, AUTHORS_FILE);
  const file = path.relative(root, absolute).split(path.sep).join('/');
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [], warnings: [] };
    return failed(
      new GazetteError({ code: 'content-unreadable', file, message: `cannot read the author profiles: ${(error as Error).message}`, cause: error }),
    );
  }
  if (bytes.length > MAX_STORY_BYTES) {
    return failed(
      new GazetteError({ code: 'content-too-large', file, message: 'the author profiles file is over 1 MiB', hint: 'keep short bios; link to longer ones' }),
    );
  }
  let data: YamlData;
  try {
    data = parseYaml(utf8.decode(bytes).replace(/\r\n?/g, '\n'));
  } catch (error) {
    if (error instanceof YamlProblem) {
      return failed(
        new GazetteError({
          code: 'authors-invalid',
          file,
          line: error.line,
          column: error.column,
          message: `invalid YAML: ${error.message}`,
          hint: error.hint ?? SHAPE_HINT,
          cause: error,
        }),
      );
    }
    return failed(new GazetteError({ code: 'content-unreadable', file, message: 'the file is not valid UTF-8 text', hint: 'save it as UTF-8', cause: error }));
  }
  return readAuthorProfiles(file, data);
}

function failed(problem: GazetteError): AuthorProfiles {
  return { profiles: [], problems: [problem], warnings: [] };
}

/** Validate parsed authors.yaml: each profile read field by field, and checked for clashes with the ones before. */
export function readAuthorProfiles(file: string, data: YamlData): AuthorProfiles {
  const result: AuthorProfiles = { profiles: [], problems: [], warnings: [] };
  const value = data.value;
  if (value === null || value === undefined) return result;
  if (typeof value !== 'object' || Array.isArray(value)) {
    result.problems.push(
      new GazetteError({
        code: 'authors-invalid',
        file,
        line: 1,
        column: 1,
        message: `expected a mapping of authors, found ${describe(value)}`,
        hint: SHAPE_HINT,
      }),
    );
    return result;
  }
  const pageOwners = new Map<string, AuthorProfile>();
  const nameOwners = new Map<string, AuthorProfile>();
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const profile = readProfile(file, data, key, entry, result);
    if (profile === undefined) continue;
    const clash = (owners: Map<string, AuthorProfile>, folded: string, what: string) => {
      const first = owners.get(folded);
      if (first === undefined) return void owners.set(folded, profile);
      result.problems.push(
        new GazetteError({
          code: 'authors-invalid',
          file,
          line: profile.line,
          column: profile.column,
          field: key,
          message: `${what} as "${first.key}" (line ${first.line})`,
          hint: 'names that differ only in case or accents are one author: keep one profile',
        }),
      );
      return true;
    };
    if (clash(pageOwners, slugify(key), 'has the same page')) continue;
    if (clash(nameOwners, slugify(profile.name), `names the same author "${profile.name}"`)) continue;
    result.profiles.push(profile);
  }
  return result;
}

function readProfile(file: string, data: YamlData, key: string, entry: unknown, result: AuthorProfiles): AuthorProfile | undefined {
  const place = data.locate([key]);
  const where = { file, line: place?.line, column: place?.column };
  const at = { ...where, field: key };
  const slug = slugify(key);
  if (slug === '' || isDeviceName(slug)) {
    result.problems.push(
      new GazetteError({
        code: 'slug-invalid',
        ...at,
        message: slug === '' ? 'gives an empty URL slug' : `gives the URL slug "${slug}", a reserved device name on Windows`,
        hint: "write the author's name, with letters or digits",
      }),
    );
    return undefined;
  }
  if (entry !== null && (typeof entry !== 'object' || Array.isArray(entry))) {
    result.problems.push(
      new GazetteError({
        code: 'field-invalid',
        ...at,
        message: `expected a mapping of profile fields, found ${describe(entry)}`,
        hint: `known fields: ${PROFILE_FIELDS.join(', ')}`,
      }),
    );
    return undefined;
  }
  const fields = (entry ?? {}) as Record<string, unknown>;
  const read = new FieldReader(
    file,
    { value: fields, locate: (field) => data.locate([key, ...(typeof field === 'string' ? field.split('.') : field)]) },
    fields,
    'UTC',
  );
  for (const field of Object.keys(fields)) {
    if (!PROFILE_FIELDS.includes(field)) read.problem(field, `unknown field "${field}"`, `known fields: ${PROFILE_FIELDS.join(', ')}`);
  }
  const name = read.text('name') ?? key;
  if (slugify(name) === '') read.problem('name', 'gives an empty URL slug', 'write the name as bylines write it', 'slug-invalid');
  const profile: AuthorProfile = {
    key,
    name,
    bio: read.text('bio'),
    // A portrait is a picture: besides script, a file: (or any other) address not on the web is refused.
    photo: readUrl(
      read,
      'photo',
      fields.photo,
      'give a path such as /images/authors/name.jpg or an https:// URL',
      (url) => isSafeUrl(url) && isWebImageAddress(url),
    ),
    email: readEmail(read),
    links: readLinks(read, fields.links),
    ...where,
  };
  // Problems name the author too: "Lamine Chikhi.bio".
  const named = (problem: GazetteError) =>
    new GazetteError({
      code: problem.code,
      file,
      line: problem.line,
      column: problem.column,
      field: problem.field ? `${key}.${problem.field}` : key,
      message: problem.message,
      hint: problem.hint,
    });
  result.problems.push(...read.problems.map(named));
  result.warnings.push(...read.warnings.map(named));
  // A profile with problems is still checked against the others, so that every problem shows at once.
  return profile;
}

function readUrl(read: FieldReader, field: string, value: unknown, hint: string, accepts = isSafeUrl): string | undefined {
  const url = read.text(field, value);
  if (url === undefined || accepts(url)) return url;
  read.problem(field, `"${url}" is not a safe address`, hint, 'url-unsafe');
  return undefined;
}

function readEmail(read: FieldReader): string | undefined {
  const email = read.text('email');
  if (email === undefined || /^[^\s@<>]+@[^\s@<>]+$/.test(email)) return email;
  read.problem('email', `"${email}" is not an email address`, 'e.g. email: lamine.chikhi@example.org');
  return undefined;
}

function readLinks(read: FieldReader, value: unknown): { title: string; url: string }[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.problem(
      'links',
      `expected a mapping of titles to addresses, found ${describe(value)}`,
      'e.g. links: { Website: https://example.org/, Mastodon: https://example.social/@name }',
    );
    return [];
  }
  const links: { title: string; url: string }[] = [];
  for (const [title, url] of Object.entries(value as Record<string, unknown>)) {
    const safe = readUrl(read, `links.${title}`, url, 'link to an https:// address, a mailto: address or a path on the site');
    if (safe !== undefined) links.push({ title, url: safe });
  }
  return links;
}
