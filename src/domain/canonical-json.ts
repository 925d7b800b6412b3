/**
 * The canonical JSON of a value (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by UTF-16
 * code units, no white space, numbers and strings as ECMAScript serializes them. It is what the audit chain
 * digests, so its output must never change: a test compares it, character for character, with the
 * `canonicalize` package (the scheme's reference implementation for JavaScript), which the chain used
 * before. It is written here because that package checks every character of every string in a JavaScript
 * loop for lone surrogates; a letter's texts (tens of kilobytes, digested before and after each command)
 * made that check a large part of a command's time. Here the engine checks (`String.prototype.isWellFormed`).
 *
 * Throws, as the scheme requires, on NaN, infinities, lone surrogates and circular references.
 */
export function canonicalJson(value: unknown): string | undefined {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw new Error('Lone surrogate is not allowed');
    return JSON.stringify(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(Number.isNaN(value) ? 'NaN is not allowed' : 'Infinity is not allowed');
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (seen.has(value)) throw new Error('Circular reference detected');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    seen.add(value);
    const result = write(toJSON.call(value), seen);
    seen.delete(value);
    return result;
  }
  seen.add(value);
  let result: string;
  if (Array.isArray(value)) {
    result = `[${value.map((item) => write(item === undefined || typeof item === 'symbol' ? null : item, seen)).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'symbol') continue;
      parts.push(`${write(key, seen)}:${write(item, seen)}`);
    }
    result = `{${parts.join(',')}}`;
  }
  seen.delete(value);
  return result;
}
