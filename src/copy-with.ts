// `{ ...base, ...fields }` for objects made by the thousand (stories, pages, feed items), copied field by field.

/**
 * A copy of `base` with `fields` added or replaced. Not written as a spread: in V8 (Node 20) each
 * object made by spreading another and then giving it more fields gets a hidden class of its own,
 * so that every place that reads such objects sees thousands of shapes and reads them slowly.
 * Copied field by field, they share one. Their fields are then kept outside the object, which costs
 * some memory: the largest objects kept for a whole build, the site graph's stories, list their
 * fields in an object literal instead (placeStory in model/site.ts, and storySource in
 * content/story.ts for their sources), the smallest of the three.
 */
export function copyWith<Base extends object, Fields extends object>(base: Base, fields: Fields): Omit<Base, keyof Fields> & Fields {
  return Object.assign({}, base, fields);
}
