import assert from "node:assert/strict";
import { ConfigError, MAX_YAML_ALIAS_COUNT, parsePulumiConfigText, parseYaml } from "./index.js";

/** A "billion laughs": each level aliases the previous one nine times. */
function aliasBomb(levels: number): string {
  const lines = ["config:", '  app:lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) {
    lines.push(`  app:lol${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(",")}]`);
  }
  return `${lines.join("\n")}\n`;
}

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
