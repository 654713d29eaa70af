// Naming rules for generated identifiers, with collision handling in one place.

/** `http.request.method` -> `HTTP_REQUEST_METHOD`. */
export function upperSnake(id) {
  return id
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** `http.request.method` -> `HttpRequestMethod`; `k8s.pod` -> `K8sPod`. */
export function pascal(id) {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** First segment of a dotted name: the file it is generated into. */
export function namespaceOf(id) {
  return id.split('.')[0].replace(/_/g, '-');
}

/**
 * Assigns `constName` (ATTR_*) and `typeName` (Pascal) to every attribute. When a deprecated
 * name and a current one map to the same identifier (`messaging.client_id` vs
 * `messaging.client.id`), the current one keeps it and the deprecated one gets a `_DEPRECATED`
 * (`Deprecated`) suffix; two current names colliding is an error.
 */
export function assignAttributeNames(attributes) {
  const byConst = new Map();
  for (const attr of attributes) {
    const key = upperSnake(attr.id);
    byConst.set(key, [...(byConst.get(key) ?? []), attr]);
  }
  for (const [key, list] of byConst) {
    const current = list.filter((a) => !a.deprecated);
    if (current.length > 1)
      throw new Error(`semconv-gen: ${current.map((a) => a.id).join(', ')} collide as ${key}`);
    for (const attr of list) {
      const suffix = list.length > 1 && attr.deprecated ? '_DEPRECATED' : '';
      const base = list.length > 1 && attr.deprecated ? `${key}_DEPRECATED` : key;
      if (list.filter((a) => a.deprecated).length > 1) {
        throw new Error(`semconv-gen: deprecated ${list.map((a) => a.id).join(', ')} collide as ${key}`);
      }
      attr.constName = `ATTR_${base}`;
      attr.typeName = pascal(attr.id) + (suffix ? 'Deprecated' : '');
    }
  }
}

/** Interface name of a span or entity group: `span.http.client` -> `HttpClientSpanAttributes`. */
export function groupTypeName(group) {
  if (group.type === 'entity') return `${pascal(group.id.replace(/^entity\./, ''))}ResourceAttributes`;
  return `${pascal(group.id.replace(/^span\./, ''))}SpanAttributes`;
}

/** Constant holding a group's required keys: `span.http.client` -> `HTTP_CLIENT_SPAN_REQUIRED`. */
export function groupRequiredName(group) {
  const base = group.type === 'entity' ? group.id.replace(/^entity\./, '') : group.id.replace(/^span\./, '');
  return `${upperSnake(base)}_${group.type === 'entity' ? 'RESOURCE' : 'SPAN'}_REQUIRED`;
}

/** Namespace (file) of a group: `span.http.client` -> `http`, `messaging.send.producer` -> `messaging`. */
export function groupNamespace(group) {
  return namespaceOf(group.id.replace(/^(span|entity)\./, ''));
}

/** Key of an enum member in its `...Values` object: `microsoft.sql_server` -> `MICROSOFT_SQL_SERVER`. */
export function memberKey(member) {
  const key = upperSnake(String(member.id));
  return /^[0-9]/.test(key) ? `_${key}` : key || '_EMPTY';
}
