import { AttributeBuilder } from './attribute-builder.js';
import { checkPort, errorTypeOf } from './value-checks.js';

/** Keys every span builder here shares: the remote server and the error class. */
interface ServerAndError {
  'server.address'?: string;
  'server.port'?: number;
  'error.type'?: string;
}

/** `server()` and `error()` for the span builders (HTTP, database, messaging). */
export class SpanBuilder<T extends ServerAndError> extends AttributeBuilder<T> {
  /** `server.address` and, when given, `server.port` (0-65535). */
  server(address: string, port?: number): this {
    this.setValue('server.address', address);
    return port === undefined ? this : this.setValue('server.port', checkPort(port, 'port'));
  }

  /**
   * `error.type`: an `Error` contributes its string `code` (`ECONNRESET`) or its class name;
   * anything else (a status code, `'timeout'`) is converted to a string.
   */
  error(error: unknown): this {
    return this.setValue('error.type', errorTypeOf(error));
  }
}
