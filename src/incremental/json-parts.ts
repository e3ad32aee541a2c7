// JSON text made a piece at a time, so that a large document (the build cache's manifest, which grows
// with the archive) can be written to a file without ever being one string in memory.

/**
 * The JSON text of `value` in pieces, whose concatenation is `JSON.stringify(value)`: objects are
 * opened `depth` levels down (so that each member of a table is a piece), anything deeper is one piece.
 */
export function* jsonParts(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || !isPlainObject(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    // Members JSON.stringify leaves out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    yield* jsonParts(member, depth - 1);
    first = false;
  }
  yield '}';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
