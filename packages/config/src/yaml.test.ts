import assert from "node:assert/strict";
import { z } from "zod";
import { ConfigError, MAX_YAML_ALIAS_COUNT, parsePulumiConfigText, parseWithSchema, parseYaml } from "./index.js";

/** A "billion laughs": each level aliases the previous one nine times. */
function aliasBomb(levels: number): string {
  const lines = ["config:", '  app:lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) {
    lines.push(`  app:lol${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(",")}]`);
  }
  return `${lines.join("\n")}\n`;
}

describe("zod messages in a stack file's words", () => {
  it("says what a value must be, not zod's defaults", () => {
    const rule = (schema: z.ZodType, value: unknown) => {
      try {
        parseWithSchema(schema, value, "Pulumi.dev.yaml", "app:key");
      } catch (err) {
        return err instanceof ConfigError ? err.rule : String(err);
      }
      return undefined;
    };
    assert.equal(
      rule(z.iso.datetime(), "yesterday"),
      'must be an RFC 3339 date and time such as 2026-11-29T08:00:00Z (got "yesterday")',
    );
    assert.equal(rule(z.number().int().min(2), 1), "must be at least 2 (got 1)");
    assert.equal(rule(z.array(z.string()).min(1), []), "must list at least 1 item (got [])");
    assert.equal(rule(z.enum(["create", "adopt"]), "make"), 'must be one of create, adopt (got "make")');
    assert.equal(rule(z.string(), 3), "must be a string (got 3)");
    assert.equal(
      rule(
        z.custom(() => false, "keeps its own words"),
        1,
      ),
      "keeps its own words (got 1)",
    );
  });
});

describe("parseYaml", () => {
  it("refuses an alias bomb with one line naming the file", () => {
    assert.throws(
      () => parsePulumiConfigText(aliasBomb(8), "stacks/foundation/Pulumi.dev.yaml"),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.file === "Pulumi.dev.yaml" &&
        err.rule.includes(`more than ${MAX_YAML_ALIAS_COUNT}`) &&
        !err.message.includes("\n"),
    );
  });

  it("accepts a few ordinary aliases", () => {
    const { value } = parseYaml("a: &x [1, 2]\nb: *x\n", "f.yaml");
    assert.deepEqual(value, { a: [1, 2], b: [1, 2] });
  });

  it("names the line of malformed YAML and of a duplicate key", () => {
    assert.throws(
      () => parseYaml("config:\n  aws:region: [eu\n", "Pulumi.dev.yaml"),
      (err: unknown) => err instanceof ConfigError && /^line \d+$/.test(err.path) && /not valid YAML/.test(err.rule),
    );
    assert.throws(
      () => parseYaml("config:\n  aws:region: a\n  aws:region: b\n", "Pulumi.dev.yaml"),
      (err: unknown) => err instanceof ConfigError && err.path === "line 3" && /unique/.test(err.rule),
    );
  });

  it("refuses an alias to an anchor never set", () => {
    assert.throws(
      () => parseYaml("name: *x\n", "Pulumi.yaml"),
      (err: unknown) => err instanceof ConfigError && err.file === "Pulumi.yaml" && /alias/i.test(err.rule),
    );
  });
});
