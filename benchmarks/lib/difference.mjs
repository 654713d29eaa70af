// Deep comparison of plain data (what decoders produce) that names where two values differ,
// so a failed verification says which field of which span is wrong.

const MAX_SHOWN = 120;

function show(value) {
  const text =
    value === undefined
      ? 'undefined'
      : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

/**
 * The first place where `actual` differs from `expected`, as `{ path, expected, actual }` with
 * the values rendered short, or null when they are equal. Object key order does not matter;
 * array order does. NaN equals NaN.
 */
export function firstDifference(expected, actual, path = '$') {
  if (Object.is(expected, actual)) return null;
  const diff = () => ({ path, expected: show(expected), actual: show(actual) });
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) {
    return diff();
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return diff();
  if (Array.isArray(expected)) {
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (expected.length !== actual.length) {
      return { path: `${path}.length`, expected: String(expected.length), actual: String(actual.length) };
    }
    return null;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of [...keys].sort()) {
    const d = firstDifference(expected[key], actual[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}
