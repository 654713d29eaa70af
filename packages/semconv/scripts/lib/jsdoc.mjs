// JSDoc text for generated declarations: one place that cleans registry prose.

/** Collapses whitespace and makes the text safe inside a block comment. */
export function clean(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\*\//g, '*\\/');
}

/** A JSDoc block from lines (empty strings become blank comment lines), indented by `indent`. */
export function jsdoc(lines, indent = '') {
  const body = lines.filter((line) => line !== undefined && line !== null);
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (body.length === 0) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

/** `@deprecated` line for a registry `deprecated` object. */
export function deprecationText(deprecated) {
  if (!deprecated) return undefined;
  if (deprecated.reason === 'renamed' && deprecated.renamed_to) {
    return `@deprecated Replaced by \`${deprecated.renamed_to}\`.`;
  }
  const note = clean(deprecated.note);
  if (deprecated.reason === 'obsoleted') return `@deprecated Obsoleted${note ? `: ${note}` : '.'}`;
  return `@deprecated ${note || 'Deprecated.'}`;
}

/** Up to three examples, as TypeScript literals. */
export function examplesText(examples) {
  if (examples === undefined || examples === null) return undefined;
  const list = Array.isArray(examples) ? examples : [examples];
  if (list.length === 0) return undefined;
  return `Examples: ${list
    .slice(0, 3)
    .map((e) => `\`${clean(JSON.stringify(e)).replace(/`/g, "'")}\``)
    .join(', ')}`;
}
