export { isOtlpxError, OtlpxDecodeError, OtlpxError, type OtlpxErrorCode, OtlpxJsonError } from './errors.js';
export type * from './model/common.js';
