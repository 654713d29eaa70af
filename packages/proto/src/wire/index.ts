export { ProtoReader, type ReaderLimits } from './reader.js';
export { makeTag, WireType } from './wire-type.js';
export { encodeStringField, ProtoWriter, varintSize } from './writer.js';
