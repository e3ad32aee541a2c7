// Whether two objects share V8's hidden class (their "map"), through V8's own %HaveSameMap.

import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** How many hidden classes the objects have between them. */
export function hiddenClasses(objects: readonly object[]): number {
  const kinds: object[] = [];
  for (const object of objects) if (!kinds.some((kind) => haveSameMap(kind, object))) kinds.push(object);
  return kinds.length;
}
