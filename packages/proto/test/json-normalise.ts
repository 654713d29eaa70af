/**
 * A comparable form of a model after an OTLP/JSON round trip: JSON numbers cannot tell -0 from 0,
 * so -0 becomes 0; NaN and the infinities become strings (toEqual would accept NaN anyway, this
 * keeps diffs readable); bigints and bytes become tagged strings.
 */
export function normaliseForJson(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x) =>
      typeof x === 'bigint'
        ? `${x}n`
        : x instanceof Uint8Array
          ? `bytes:${Buffer.from(x).toString('hex')}`
          : typeof x === 'number' && !Number.isFinite(x)
            ? String(x)
            : Object.is(x, -0)
              ? 0
              : x,
    ),
  );
}
