import { ProtoWriter } from '@otlpx/proto/wire';
import { describe, expect, it } from 'vitest';
import { readPartialSuccess, readStatusMessage } from '../src/export-response.js';

function partialProto(rejected: number, message: string, extraField = false): Uint8Array {
  const w = new ProtoWriter();
  if (extraField) {
    w.tag(9, 0);
    w.uint32(1);
  }
  w.tag(1, 2);
  const at = w.fork();
  if (rejected) {
    w.tag(1, 0);
    w.int64(rejected);
  }
  if (message) {
    w.tag(2, 2);
    w.string(message);
  }
  w.join(at);
  return w.finish();
}

describe('readPartialSuccess', () => {
  it('reads rejected count and message from a protobuf response', () => {
    expect(readPartialSuccess('traces', 'http/protobuf', partialProto(3, 'bad spans'))).toEqual({
      rejected: 3,
      errorMessage: 'bad spans',
    });
    expect(readPartialSuccess('logs', 'http/protobuf', partialProto(0, 'just a warning', true))).toEqual({
      rejected: 0,
      errorMessage: 'just a warning',
    });
  });

  it('treats an empty body or an empty partial_success as full success', () => {
    expect(readPartialSuccess('traces', 'http/protobuf', new Uint8Array())).toBeUndefined();
    expect(readPartialSuccess('traces', 'http/protobuf', partialProto(0, ''))).toBeUndefined();
    expect(readPartialSuccess('traces', 'http/json', Buffer.from('{}'))).toBeUndefined();
  });

  it('reads each signal’s JSON field name, int64 as string or number', () => {
    const cases = [
      ['traces', 'rejectedSpans'],
      ['metrics', 'rejectedDataPoints'],
      ['logs', 'rejectedLogRecords'],
      ['profiles', 'rejectedProfiles'],
    ] as const;
    for (const [signal, field] of cases) {
      const body = Buffer.from(JSON.stringify({ partialSuccess: { [field]: '5', errorMessage: 'nope' } }));
      expect(readPartialSuccess(signal, 'http/json', body)).toEqual({ rejected: 5, errorMessage: 'nope' });
    }
    const numeric = Buffer.from('{"partialSuccess":{"rejectedSpans":2}}');
    expect(readPartialSuccess('traces', 'http/json', numeric)).toEqual({ rejected: 2, errorMessage: '' });
  });

  it('ignores bodies it cannot read instead of failing the export', () => {
    expect(readPartialSuccess('traces', 'http/json', Buffer.from('<html>'))).toBeUndefined();
    expect(readPartialSuccess('traces', 'http/protobuf', new Uint8Array([0x0a, 0x05, 0x08]))).toBeUndefined();
  });
});

describe('readStatusMessage', () => {
  it('reads google.rpc.Status.message from protobuf and JSON, an excerpt from text', () => {
    const w = new ProtoWriter();
    w.tag(1, 0);
    w.uint32(3);
    w.tag(2, 2);
    w.string('invalid trace id');
    expect(readStatusMessage('application/x-protobuf', w.finish())).toBe('invalid trace id');
    expect(readStatusMessage('application/json', Buffer.from('{"code":3,"message":"bad"}'))).toBe('bad');
    expect(readStatusMessage('text/plain', Buffer.from(' upstream down \n'))).toBe('upstream down');
    expect(readStatusMessage(undefined, new Uint8Array())).toBe('');
    expect(readStatusMessage('application/json', Buffer.from('{'))).toBe('');
  });
});
