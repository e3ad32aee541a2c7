// The images of a story's body, filled in: the Markdown stage marked each image of a file
// (`data-gazette-image="<index>"`); here each gets its published address, its copies (`srcset`),
// and its width and height, so that the page does not jump as pictures arrive.

import { escapeXml } from '../escape.js';
import type { PublishedImage } from '../images/published.js';
import { IMAGE_MARK } from '../markdown/processor.js';

/** The width a body image takes in the default theme: the story column, or the whole screen. */
export const BODY_IMAGE_SIZES = '(min-width: 42rem) 38rem, 100vw';

const MARKED = new RegExp(`<img ([^>]*?) ?${IMAGE_MARK}="(\\d+)">`, 'g');

/** `link` turns a published site path into the address this HTML uses (on a page, or absolute in a feed). */
export function placeBodyImages(html: string, images: readonly (PublishedImage | undefined)[], link: (src: string) => string): string {
  return html.replace(MARKED, (_tag, attributes: string, index: string) => {
    const image = images[Number(index)];
    if (image === undefined) return `<img ${attributes}>`;
    const sizes: string[] = [];
    const srcset = srcsetOf(image, link);
    if (srcset !== null) sizes.push(`srcset="${escapeXml(srcset)}"`, `sizes="${BODY_IMAGE_SIZES}"`);
    if (image.width !== undefined && image.height !== undefined) sizes.push(`width="${image.width}"`, `height="${image.height}"`);
    // A copied image gets its new address; an image of static/ keeps the one the Markdown stage gave it.
    const parts = image.copied ? [`src="${escapeXml(link(image.src))}"`, ...sizes, attributes.replace(/(^| )src="[^"]*"/, '').trim()] : [attributes, ...sizes];
    return `<img ${parts.filter(Boolean).join(' ')}>`;
  });
}

/** `srcset` for a template: `/images/…/photo-480.jpg 480w, …`; null for an image published as it is. */
export function srcsetOf(image: PublishedImage, link: (src: string) => string): string | null {
  return image.srcset.length > 1 ? image.srcset.map((copy) => `${link(copy.src)} ${copy.width}w`).join(', ') : null;
}
