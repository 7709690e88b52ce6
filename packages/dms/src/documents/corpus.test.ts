import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  MappingError,
  parseTableMappings,
  parseTableMappingsDetailed,
  parseTaskSettings,
  parseTaskSettingsDetailed,
  serializeTableMappings,
  serializeTaskSettings,
  type TableMappings,
  type TaskSettings,
  TaskSettingsError,
} from "./index.js";

// Compiled to dist/documents/, so the fixtures are two levels up.
const fixturesDir = join(__dirname, "..", "..", "fixtures");

type Kind = "table-mappings" | "task-settings";
interface Fixture {
  kind: Kind;
  source: string;
  note: string;
  document?: unknown;
  text?: string;
  expect?: { path: string; rule: string };
  /** For a valid document: the warnings it draws, by path, each message containing `message` (none when absent). */
  warnings?: Array<{ path: string; message: string }>;
}

function load(dir: "valid" | "invalid"): Array<{ name: string; fixture: Fixture }> {
  return readdirSync(join(fixturesDir, dir))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, fixture: JSON.parse(readFileSync(join(fixturesDir, dir, name), "utf8")) as Fixture }));
}

const parse = (kind: Kind, input: unknown, file?: string) =>
  kind === "table-mappings"
    ? parseTableMappings(input, file ? { file } : {})
    : parseTaskSettings(input, file ? { file } : {});

const serialize = (kind: Kind, doc: TableMappings | TaskSettings): string =>
  kind === "table-mappings" ? serializeTableMappings(doc as TableMappings) : serializeTaskSettings(doc as TaskSettings);

const valid = load("valid");
const invalid = load("invalid");

describe("document corpus (packages/dms/fixtures)", () => {
  it("has valid and invalid documents of both kinds, each citing its source", () => {
    for (const kind of ["table-mappings", "task-settings"] as const) {
      assert.ok(
        valid.some((v) => v.fixture.kind === kind),
        `no valid ${kind}`,
      );
      assert.ok(
        invalid.some((v) => v.fixture.kind === kind),
        `no invalid ${kind}`,
      );
    }
    for (const { name, fixture } of [...valid, ...invalid]) {
      assert.ok(fixture.source.length > 0, `${name} cites no source`);
    }
  });

  it("contains the reference lab mapping exactly", () => {
    const lab = valid.find((v) => v.name === "lab-mapping.json");
    assert.deepEqual(lab?.fixture.document, {
      rules: [
        {
          "rule-type": "selection",
          "rule-id": "1",
          "rule-name": "1",
          "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
          "rule-action": "include",
        },
      ],
    });
  });

  describe("every valid document round-trips: parse -> serialize -> JSON.parse equals the original", () => {
    for (const { name, fixture } of valid) {
      it(name, () => {
        const text = JSON.stringify(fixture.document, null, 2);
        const parsed = parse(fixture.kind, text, name);
        assert.deepEqual(parsed, fixture.document, "parse kept every key and value");
        const out = serialize(fixture.kind, parsed);
        assert.deepEqual(JSON.parse(out), fixture.document);
        // Canonical and stable: serialising the re-parsed output gives the same string.
        assert.equal(serialize(fixture.kind, parse(fixture.kind, out)), out);
      });
    }
  });

  describe("every valid document draws exactly the warnings its fixture lists", () => {
    for (const { name, fixture } of valid) {
      it(name, () => {
        const { warnings } =
          fixture.kind === "table-mappings"
            ? parseTableMappingsDetailed(fixture.document, { file: name })
            : parseTaskSettingsDetailed(fixture.document, { file: name });
        const expected = fixture.warnings ?? [];
        assert.deepEqual(
          warnings.map((w) => w.path),
          expected.map((w) => w.path),
        );
        expected.forEach((w, i) => {
          const got = warnings[i]?.message ?? "";
          assert.ok(got.includes(w.message), `warning "${got}" does not contain "${w.message}"`);
        });
      });
    }
  });

  describe("every invalid document fails with its path and rule", () => {
    for (const { name, fixture } of invalid) {
      it(`${name}: ${fixture.expect?.path || "(root)"}`, () => {
        const expected = fixture.expect;
        assert.ok(expected, `${name} has no expect`);
        const input = fixture.text ?? fixture.document;
        const ErrorClass = fixture.kind === "table-mappings" ? MappingError : TaskSettingsError;
        assert.throws(
          () => parse(fixture.kind, input, name),
          (err: unknown) => {
            assert.ok(err instanceof ErrorClass, `expected ${ErrorClass.name}, got ${String(err)}`);
            assert.equal(err.path, expected.path);
            assert.ok(err.rule.includes(expected.rule), `rule "${err.rule}" does not contain "${expected.rule}"`);
            assert.equal(err.file, name);
            assert.equal(err.message, `${name}: ${expected.path || "(root)"}: ${err.rule}`);
            return true;
          },
        );
      });
    }
  });
});
