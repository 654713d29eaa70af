/**
 * Replaces the literals of a SQL text with `?`, so `db.query.text` keeps the shape of the query
 * but none of its values: quoted strings (with `''` and backslash escapes), numbers and hex
 * literals. Identifiers (`t1`, `"Order"`), placeholders (`$1`, `?`, `:name`) and keywords stay.
 * The conventions ask for this before non-parameterised query text is recorded by default.
 */
const LITERALS = /'(?:[^'\\]|\\.|'')*'|\b0x[0-9a-fA-F]+\b|(?<![\w$:@.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

export function sanitizeSql(text: string): string {
  return text.replace(LITERALS, '?');
}

/** A `db.query.text` sanitiser: takes the raw text, returns what may be recorded. */
export type QuerySanitizer = (text: string) => string;
