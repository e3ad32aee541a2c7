// Story bodies for the corpus: 300 to 900 words of wire-style Markdown with headings, lists, block
// quotes, the odd table, emphasis, and links both to earlier stories (from the site root) and out.

import type { Random } from './random.js';
import {
  CIRCUMSTANCES,
  COMMODITIES,
  EXTERNAL_SITES,
  HEADINGS,
  LIST_INTROS,
  OBJECTS,
  PAST_VERBS,
  QUOTES,
  SOURCES,
  SPEAKERS,
  SUBJECTS,
  WHEN,
} from './vocabulary.js';

const MIN_WORDS = 300;
const MAX_WORDS = 900;

/** An earlier story to link to, as a site path such as `2022/03/04/some-slug`, if there is one. */
export type PickEarlier = () => string | undefined;

export function composeBody(random: Random, pickEarlier: PickEarlier): string {
  const target = random.int(MIN_WORDS, MAX_WORDS);
  const blocks = [paragraph(random, pickEarlier), paragraph(random, pickEarlier)];
  let words = countWords(blocks.join(' '));
  while (words < target) {
    const block = nextBlock(random, pickEarlier);
    const blockWords = countWords(block);
    if (words + blockWords > MAX_WORDS && words >= MIN_WORDS) break;
    blocks.push(block);
    words += blockWords;
  }
  return `${blocks.join('\n\n')}\n`;
}

/** A one-sentence standfirst, plain text. */
export function composeSummary(random: Random): string {
  return `${capitalize(random.pick(SUBJECTS))} ${random.pick(PAST_VERBS)} ${random.pick(OBJECTS)} ${random.pick(CIRCUMSTANCES)}, ${random.pick(SOURCES)}.`;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function nextBlock(random: Random, pickEarlier: PickEarlier): string {
  const roll = random.next();
  if (roll < 0.3) return `## ${random.pick(HEADINGS)}\n\n${paragraph(random, pickEarlier)}`;
  if (roll < 0.45) return bulletList(random, pickEarlier);
  if (roll < 0.55) return blockQuote(random);
  if (roll < 0.58) return figuresTable(random);
  return paragraph(random, pickEarlier);
}

function paragraph(random: Random, pickEarlier: PickEarlier): string {
  return Array.from({ length: random.int(2, 4) }, () => sentence(random, pickEarlier)).join(' ');
}

function sentence(random: Random, pickEarlier: PickEarlier): string {
  const object = decorate(random, random.pick(OBJECTS), pickEarlier);
  const subject = random.pick(SUBJECTS);
  switch (random.int(0, 5)) {
    case 0:
      return `${capitalize(subject)} ${random.pick(PAST_VERBS)} ${object} ${random.pick(WHEN)}, ${random.pick(SOURCES)}.`;
    case 1:
      return `${capitalize(random.pick(CIRCUMSTANCES))}, ${subject} ${random.pick(PAST_VERBS)} ${object}.`;
    case 2:
      return `“${random.pick(QUOTES)},” ${random.pick(SPEAKERS)}.`;
    case 3:
      return `${capitalize(random.pick(COMMODITIES))} prices rose ${random.int(2, 40)} percent ${random.pick(WHEN)}, the highest level since ${random.int(2008, 2019)}, ${random.pick(SOURCES)}.`;
    case 4:
      return `The decision comes ${random.pick(CIRCUMSTANCES)} and follows ${object} ${random.pick(WHEN)}.`;
    default:
      return `${capitalize(subject)} said ${object} would cost about ${random.int(20, 900)} million dinars over ${random.int(2, 10)} years.`;
  }
}

/** Now and then a phrase becomes a link to an earlier story or another site, or is emphasized. */
function decorate(random: Random, phrase: string, pickEarlier: PickEarlier): string {
  const roll = random.next();
  if (roll < 0.06) {
    const earlier = pickEarlier();
    return earlier ? `[${phrase}](/${earlier}/)` : phrase;
  }
  if (roll < 0.1) return `[${phrase}](${random.pick(EXTERNAL_SITES)}${phrase.replace(/\W+/g, '_')})`;
  if (roll < 0.13) return `*${phrase}*`;
  if (roll < 0.15) return `**${phrase}**`;
  return phrase;
}

function bulletList(random: Random, pickEarlier: PickEarlier): string {
  const marker = random.chance(0.25) ? (index: number) => `${index + 1}.` : () => '-';
  const items = Array.from(
    { length: random.int(3, 5) },
    (_, index) => `${marker(index)} ${decorate(random, random.pick(OBJECTS), pickEarlier)} ${random.pick(WHEN)};`,
  );
  return `${random.pick(LIST_INTROS)}\n\n${items.join('\n').replace(/;$/, '.')}`;
}

function blockQuote(random: Random): string {
  return `${capitalize(random.pick(SUBJECTS))} said in a statement:\n\n> ${random.pick(QUOTES)}. ${random.pick(QUOTES)}, and *${random.pick(QUOTES).toLowerCase()}*.`;
}

function figuresTable(random: Random): string {
  const price = () => random.int(1000, 90000) / 100;
  const rows = Array.from({ length: random.int(3, 4) }, () => {
    const before = price();
    const after = Math.round(before * (0.9 + random.next() * 0.2) * 100) / 100;
    const change = ((after - before) / before) * 100;
    return `| ${capitalize(random.pick(COMMODITIES))} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${change < 0 ? '−' : '+'}${Math.abs(change).toFixed(1)}% |`;
  });
  return ['| Benchmark | Before | After | Change |', '|---|--:|--:|--:|', ...rows].join('\n');
}
