import type { DbClientSpanAttributes } from './gen/groups/db.js';
import { DB_CLIENT_SPAN_REQUIRED } from './gen/groups/db.js';
import { type QuerySanitizer, sanitizeSql } from './sanitize-sql.js';
import { SpanBuilder } from './span-builder.js';
import { checkSize } from './value-checks.js';

export interface DbClientSpanOptions {
  /**
   * Applied to every `queryText()`: the default replaces literals with `?` (`sanitizeSql`);
   * pass your own function, or `false` when the text is parameterised and safe as it is.
   */
  sanitize?: QuerySanitizer | false;
}

/** Builder for `span.db.client` (a database client call). */
export class DbClientSpanBuilder extends SpanBuilder<DbClientSpanAttributes> {
  readonly #sanitize: QuerySanitizer | undefined;

  constructor(options: DbClientSpanOptions = {}) {
    super('span.db.client', DB_CLIENT_SPAN_REQUIRED);
    this.#sanitize = options.sanitize === false ? undefined : (options.sanitize ?? sanitizeSql);
  }

  /** `db.system.name` (`postgresql`, `mysql`, `microsoft.sql_server`, ...). */
  system(name: DbClientSpanAttributes['db.system.name']): this {
    return this.set('db.system.name', name);
  }

  /** `db.namespace`: the database (and schema) name, e.g. `customers` or `mydb|public`. */
  namespace(name: string): this {
    return this.set('db.namespace', name);
  }

  /** `db.operation.name` (`SELECT`, `findAndModify`, `HMSET`). */
  operation(name: string): this {
    return this.set('db.operation.name', name);
  }

  /** `db.collection.name`: the table or collection. */
  collection(name: string): this {
    return this.set('db.collection.name', name);
  }

  /** `db.query.text`, passed through the sanitiser chosen in the options. */
  queryText(text: string): this {
    return this.set('db.query.text', this.#sanitize ? this.#sanitize(text) : text);
  }

  /** `db.query.summary`: a low-cardinality summary such as `SELECT users`. */
  querySummary(summary: string): this {
    return this.set('db.query.summary', summary);
  }

  /** `db.response.status_code`: the database's own status or error code, as a string. */
  responseStatusCode(code: string | number): this {
    return this.set('db.response.status_code', String(code));
  }

  /** `db.operation.batch.size` for batch operations (2 or more). */
  batchSize(size: number): this {
    return this.set('db.operation.batch.size', checkSize(size));
  }
}

/**
 * Attributes of a database client span; `db.query.text` is sanitised by default.
 *
 * ```ts
 * dbClientSpan().system('postgresql').queryText("SELECT * FROM users WHERE id = 42").build();
 * // { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM users WHERE id = ?' }
 * ```
 */
export function dbClientSpan(options?: DbClientSpanOptions): DbClientSpanBuilder {
  return new DbClientSpanBuilder(options);
}
