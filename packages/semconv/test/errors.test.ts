import { describe, expect, it } from 'vitest';
import { isOtlpxError, OtlpxError, OtlpxInvalidArgError, OtlpxMissingAttributesError } from '../src/index.js';

describe('errors', () => {
  it('brands every error across copies', () => {
    const invalid = new OtlpxInvalidArgError('port', 'bad port');
    expect(invalid).toBeInstanceOf(OtlpxError);
    expect(invalid).toBeInstanceOf(OtlpxInvalidArgError);
    expect(invalid).not.toBeInstanceOf(OtlpxMissingAttributesError);
    expect(invalid.code).toBe('OTLPX_ERR_INVALID_ARG');
    const foreign = { code: 'OTLPX_ERR_X', [Symbol.for('otlpx.error')]: true };
    expect(isOtlpxError(foreign)).toBe(true);
    expect(isOtlpxError(new Error('x'))).toBe(false);
    expect(isOtlpxError(null)).toBe(false);
    const one = new OtlpxMissingAttributesError('entity.service', ['service.name']);
    expect(one.message).toBe("entity.service requires attribute 'service.name': set it before build()");
    expect(new OtlpxError('OTLPX_ERR_INVALID_ARG', 'm').name).toBe('OtlpxError');
  });
});
