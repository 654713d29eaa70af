import type { AnyValue, EntityRef, InstrumentationScope, KeyValue, Resource } from '../model/common.js';
import type { ProtoReader } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';
import type { ProtoWriter } from '../wire/writer.js';

// opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto, model <-> bytes.
// Writers emit fields in field-number order and omit proto3 defaults, the same rules as the
// fast SDK encoders, so re-encoding a decoded message of ours gives back the same bytes.

const { Varint, Fixed64, LengthDelimited } = WireType;

// ---------------------------------------------------------------- decoding

export function readAnyValue(r: ProtoReader): AnyValue {
  const end = r.enter();
  let value: AnyValue = {};
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // string_value (LEN)
        r.expect(tag, LengthDelimited);
        value = { stringValue: r.string() };
        break;
      case 2: // bool_value (VARINT)
        r.expect(tag, Varint);
        value = { boolValue: r.bool() };
        break;
      case 3: // int_value (VARINT int64)
        r.expect(tag, Varint);
        value = { intValue: r.int64() };
        break;
      case 4: // double_value (I64)
        r.expect(tag, Fixed64);
        value = { doubleValue: r.double() };
        break;
      case 5: {
        // array_value (LEN ArrayValue { repeated AnyValue values = 1 })
        r.expect(tag, LengthDelimited);
        const arrEnd = r.enter();
        const values: AnyValue[] = [];
        while (r.pos < arrEnd) {
          const t = r.tag();
          if (t >>> 3 === 1) {
            r.expect(t, LengthDelimited);
            values.push(readAnyValue(r));
          } else r.skip(t);
        }
        r.leave(arrEnd);
        value = { arrayValue: { values } };
        break;
      }
      case 6: {
        // kvlist_value (LEN KeyValueList { repeated KeyValue values = 1 })
        r.expect(tag, LengthDelimited);
        const listEnd = r.enter();
        const values: KeyValue[] = [];
        while (r.pos < listEnd) {
          const t = r.tag();
          if (t >>> 3 === 1) {
            r.expect(t, LengthDelimited);
            values.push(readKeyValue(r));
          } else r.skip(t);
        }
        r.leave(listEnd);
        value = { kvlistValue: { values } };
        break;
      }
      case 7: // bytes_value (LEN)
        r.expect(tag, LengthDelimited);
        value = { bytesValue: r.bytes() };
        break;
      case 8: // string_value_strindex (VARINT int32)
        r.expect(tag, Varint);
        value = { stringValueStrindex: r.int32() };
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return value;
}

export function readKeyValue(r: ProtoReader): KeyValue {
  const end = r.enter();
  const kv: KeyValue = { key: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // key (LEN)
        r.expect(tag, LengthDelimited);
        kv.key = r.string();
        break;
      case 2: // value (LEN AnyValue)
        r.expect(tag, LengthDelimited);
        kv.value = readAnyValue(r);
        break;
      case 3: // key_strindex (VARINT int32)
        r.expect(tag, Varint);
        kv.keyStrindex = r.int32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return kv;
}

export function readScope(r: ProtoReader): InstrumentationScope {
  const end = r.enter();
  const scope: InstrumentationScope = { name: '', version: '', attributes: [], droppedAttributesCount: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // name (LEN)
        r.expect(tag, LengthDelimited);
        scope.name = r.string();
        break;
      case 2: // version (LEN)
        r.expect(tag, LengthDelimited);
        scope.version = r.string();
        break;
      case 3: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        scope.attributes.push(readKeyValue(r));
        break;
      case 4: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        scope.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return scope;
}

export function readEntityRef(r: ProtoReader): EntityRef {
  const end = r.enter();
  const ref: EntityRef = { schemaUrl: '', type: '', idKeys: [], descriptionKeys: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        ref.schemaUrl = r.string();
        break;
      case 2: // type (LEN)
        r.expect(tag, LengthDelimited);
        ref.type = r.string();
        break;
      case 3: // id_keys (LEN, repeated)
        r.expect(tag, LengthDelimited);
        ref.idKeys.push(r.string());
        break;
      case 4: // description_keys (LEN, repeated)
        r.expect(tag, LengthDelimited);
        ref.descriptionKeys.push(r.string());
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return ref;
}

export function readResource(r: ProtoReader): Resource {
  const end = r.enter();
  const resource: Resource = { attributes: [], droppedAttributesCount: 0, entityRefs: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        resource.attributes.push(readKeyValue(r));
        break;
      case 2: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        resource.droppedAttributesCount = r.uint32();
        break;
      case 3: // entity_refs (LEN EntityRef)
        r.expect(tag, LengthDelimited);
        resource.entityRefs.push(readEntityRef(r));
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return resource;
}

// ---------------------------------------------------------------- encoding

/** Writes the body of an AnyValue (without its own tag and length). */
export function writeAnyValueBody(w: ProtoWriter, v: AnyValue): void {
  // A oneof member is written even when it holds its default value.
  if ('stringValue' in v) {
    w.byte(0x0a); // 1: string_value (LEN)
    w.string(v.stringValue);
  } else if ('boolValue' in v) {
    w.byte(0x10); // 2: bool_value (VARINT)
    w.bool(v.boolValue);
  } else if ('intValue' in v) {
    w.byte(0x18); // 3: int_value (VARINT)
    w.int64(v.intValue);
  } else if ('doubleValue' in v) {
    w.byte(0x21); // 4: double_value (I64)
    w.double(v.doubleValue);
  } else if ('arrayValue' in v) {
    w.byte(0x2a); // 5: array_value (LEN)
    const start = w.fork();
    const values = v.arrayValue.values;
    for (let i = 0; i < values.length; i++) {
      w.byte(0x0a); // ArrayValue 1: values (LEN)
      const s = w.fork();
      writeAnyValueBody(w, values[i]);
      w.join(s);
    }
    w.join(start);
  } else if ('kvlistValue' in v) {
    w.byte(0x32); // 6: kvlist_value (LEN)
    const start = w.fork();
    writeKeyValues(w, 1, v.kvlistValue.values);
    w.join(start);
  } else if ('bytesValue' in v) {
    w.byte(0x3a); // 7: bytes_value (LEN)
    w.bytes(v.bytesValue);
  } else if ('stringValueStrindex' in v) {
    w.byte(0x40); // 8: string_value_strindex (VARINT)
    w.int32(v.stringValueStrindex);
  }
}

/** Writes `repeated KeyValue` under `fieldNumber`. */
export function writeKeyValues(w: ProtoWriter, fieldNumber: number, list: KeyValue[]): void {
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    w.tag(fieldNumber, LengthDelimited);
    const start = w.fork();
    if (kv.key !== '') {
      w.byte(0x0a); // 1: key (LEN)
      w.string(kv.key);
    }
    if (kv.value !== undefined) {
      w.byte(0x12); // 2: value (LEN)
      const s = w.fork();
      writeAnyValueBody(w, kv.value);
      w.join(s);
    }
    if (kv.keyStrindex) {
      w.byte(0x18); // 3: key_strindex (VARINT)
      w.int32(kv.keyStrindex);
    }
    w.join(start);
  }
}

/** Writes an InstrumentationScope message (tag, length and body) under `fieldNumber`. */
export function writeScope(w: ProtoWriter, fieldNumber: number, scope: InstrumentationScope): void {
  w.tag(fieldNumber, LengthDelimited);
  const start = w.fork();
  if (scope.name !== '') {
    w.byte(0x0a); // 1: name (LEN)
    w.string(scope.name);
  }
  if (scope.version !== '') {
    w.byte(0x12); // 2: version (LEN)
    w.string(scope.version);
  }
  writeKeyValues(w, 3, scope.attributes); // 3: attributes (LEN)
  if (scope.droppedAttributesCount) {
    w.byte(0x20); // 4: dropped_attributes_count (VARINT)
    w.uint32(scope.droppedAttributesCount);
  }
  w.join(start);
}

/** Writes a Resource message (tag, length and body) under `fieldNumber`. */
export function writeResource(w: ProtoWriter, fieldNumber: number, resource: Resource): void {
  w.tag(fieldNumber, LengthDelimited);
  const start = w.fork();
  writeKeyValues(w, 1, resource.attributes); // 1: attributes (LEN)
  if (resource.droppedAttributesCount) {
    w.byte(0x10); // 2: dropped_attributes_count (VARINT)
    w.uint32(resource.droppedAttributesCount);
  }
  const refs = resource.entityRefs;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    w.byte(0x1a); // 3: entity_refs (LEN)
    const s = w.fork();
    if (ref.schemaUrl !== '') {
      w.byte(0x0a); // 1: schema_url (LEN)
      w.string(ref.schemaUrl);
    }
    if (ref.type !== '') {
      w.byte(0x12); // 2: type (LEN)
      w.string(ref.type);
    }
    for (const key of ref.idKeys) {
      w.byte(0x1a); // 3: id_keys (LEN)
      w.string(key);
    }
    for (const key of ref.descriptionKeys) {
      w.byte(0x22); // 4: description_keys (LEN)
      w.string(key);
    }
    w.join(s);
  }
  w.join(start);
}
