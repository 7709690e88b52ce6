import assert from "node:assert/strict";
import fc from "fast-check";
import {
  canonicalJson,
  parseTableMappings,
  type SelectionRuleArgs,
  selectionRule,
  serializeTableMappings,
  tableMappings,
  transformationRule,
} from "./index.js";

/** A deterministic PRNG so a failing shuffle can be replayed from fast-check's seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same JSON value with the keys of every object in a random order (arrays keep theirs). */
function shuffleKeys(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rand));
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = shuffleKeys((value as Record<string, unknown>)[k], rand);
    return out;
  }
  return value;
}

// JSON values without "__proto__" keys (assigning one sets the prototype instead of a key).
const key = fc.string({ maxLength: 6 }).filter((k) => k !== "__proto__");
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(key, tie("json"), { maxKeys: 5 }),
  ),
}));

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);
const selectionArgs: fc.Arbitrary<SelectionRuleArgs> = fc.record({
  schema: name,
  table: name,
  action: fc.constantFrom("include" as const, "exclude" as const, "explicit" as const),
});
const mapping = fc
  .tuple(
    fc.array(selectionArgs, { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(name, fc.constantFrom("rename" as const, "add-prefix" as const, "convert-lowercase" as const)), {
      maxLength: 3,
    }),
  )
  .map(([selections, renames]) =>
    tableMappings(
      ...selections.map((s) => selectionRule(s)),
      ...renames.map(([schema, action]) =>
        transformationRule({
          target: "schema",
          action,
          schema,
          ...(action === "convert-lowercase" ? {} : { value: "x_" }),
        }),
      ),
    ),
  );

describe("canonical JSON", () => {
  it("is the same string for any JSON value whatever the order of its keys", () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        const shuffled = shuffleKeys(value, prng(seed));
        assert.equal(canonicalJson(shuffled), canonicalJson(value));
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it("serialises a generated table mapping to the same string whatever its key order, and parses back to it", () => {
    fc.assert(
      fc.property(mapping, fc.integer(), (doc, seed) => {
        const shuffled = shuffleKeys(doc, prng(seed));
        const text = serializeTableMappings(doc);
        assert.equal(serializeTableMappings(parseTableMappings(shuffled)), text);
        assert.deepEqual(parseTableMappings(text), JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 100 },
    );
  });

  it("sorts keys, keeps array order and drops undefined properties", () => {
    assert.equal(canonicalJson({ b: [3, 1], a: { d: 1, c: undefined } }), '{"a":{"d":1},"b":[3,1]}');
  });
});

describe("canonicalJson and __proto__", () => {
  it("keeps a JSON key named __proto__ as a key", () => {
    const doc = JSON.parse('{"b":1,"__proto__":{"x":1}}');
    assert.equal(canonicalJson(doc), '{"__proto__":{"x":1},"b":1}');
  });
});
