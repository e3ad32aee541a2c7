// An SVG drawing's size read from its root element's attributes as text, without parsing the
// document: nothing it holds is expanded, fetched or drawn, so a hostile file costs one bounded read.

/** Only the head of the file is read: the root element comes first, after a declaration or comment. */
export const DRAWING_HEAD_BYTES = 16 * 1024;

export interface DrawingSize {
  width: number;
  height: number;
}

const LENGTH = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/;

/**
 * The size an `<svg>` element gives (its width and height in pixels, or the proportions of its
 * viewBox for what is missing); undefined when the head holds no such element, or a DOCTYPE with
 * declarations of its own (entities that could grow it), or no usable size.
 */
export function drawingSize(head: string): DrawingSize | undefined {
  if (/<!DOCTYPE[^>]*\[/i.test(head)) return undefined;
  const tag = /<svg\b([^>]*)>/i.exec(head.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
  if (tag === undefined) return undefined;
  const attribute = (name: string) =>
    new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      .exec(tag)
      ?.slice(1)
      .find((value) => value !== undefined);
  const length = (name: string) => {
    const match = LENGTH.exec(attribute(name) ?? '');
    return match ? Number(match[1]) : undefined;
  };
  const box = (attribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] = box.length === 4 && box.every(Number.isFinite) ? [box[2] as number, box[3] as number] : [undefined, undefined];
  let width = length('width');
  let height = length('height');
  if (boxWidth && boxHeight && boxWidth > 0 && boxHeight > 0) {
    if (width === undefined && height === undefined) [width, height] = [boxWidth, boxHeight];
    else if (height === undefined && width !== undefined) height = (width * boxHeight) / boxWidth;
    else if (width === undefined && height !== undefined) width = (height * boxWidth) / boxHeight;
  }
  if (!width || !height) return undefined;
  return { width: Math.round(width), height: Math.round(height) };
}
