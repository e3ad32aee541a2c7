// `{ ...base, ...fields }` for objects made by the thousand (stories, pages, feed items).

/**
 * A copy of `base` with `fields` added or replaced. Not written as a spread: in V8 (Node 20) each
 * object made by spreading another and then giving it more fields gets a hidden class of its own,
 * so that reading a story's fields was slow everywhere (every read site saw thousands of shapes)
 * and each story carried about a kilobyte of shape. Copied field by field, they share one.
 */
export function extend<Base extends object, Fields extends object>(base: Base, fields: Fields): Omit<Base, keyof Fields> & Fields {
  return Object.assign({}, base, fields);
}
