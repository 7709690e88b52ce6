import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { promoteText } from "./edit.js";
import { promotionOf, type StackPromotion } from "./promotable.js";

/** The repository's stacks (this file runs from scripts/dist/promote). */
const STACKS = join(__dirname, "..", "..", "..", "stacks");
const read = (stack: string, env: string) => readFileSync(join(STACKS, stack, `Pulumi.${env}.yaml`), "utf8");

function promotion(stack: string): StackPromotion {
  const p = promotionOf(stack);
  assert.ok(p, `${stack} is promoted`);
  return p;
}

const configOf = (text: string) => (parse(text) as { config: Record<string, unknown> }).config;
const comments = (text: string) => text.split("\n").filter((l) => l.trimStart().startsWith("#"));

/** A second task (with its comment), inserted after the first task of a replication file's migration. */
const ORDERS_TASK = `      # Orders: full load only, while the application still writes to the old table.
      - name: orders
        migrationType: full-load
        tableMappings:
          rules:
            - rule-type: selection
              rule-id: "2"
              rule-name: "2"
              object-locator:
                schema-name: dmslab
                table-name: orders
              rule-action: include
`;

const withOrdersTask = (text: string) => {
  assert.equal(text.split("        start: true\n").length, 2, "one task that starts");
  return text.replace("        start: true\n", `        start: true\n${ORDERS_TASK}`);
};

describe("promoteText", () => {
  const replication = promotion("replication");
  const foundation = promotion("foundation");
  const devReplication = withOrdersTask(read("replication", "dev"));
  const testReplication = read("replication", "test");

  it("copies the migration definition and leaves environment-specific keys, comments and key order untouched", () => {
    const out = promoteText(
      replication,
      { text: devReplication, shown: "Pulumi.dev.yaml" },
      { text: testReplication, shown: "Pulumi.test.yaml" },
    );
    assert.deepEqual(out.changes, [{ path: "dms-platform-replication:migration", change: "changed" }]);
    const before = configOf(testReplication);
    const after = configOf(out.text);
    assert.deepEqual(
      after["dms-platform-replication:migration"],
      configOf(devReplication)["dms-platform-replication:migration"],
    );
    assert.deepEqual(Object.keys(after), Object.keys(before), "same keys, same order");
    for (const key of Object.keys(before)) {
      if (key === "dms-platform-replication:migration") continue;
      assert.deepEqual(after[key], before[key], `${key} is untouched`);
    }
    // The task's lines (and the source's comment on it) are inserted; every other byte stays.
    assert.equal(out.text, withOrdersTask(testReplication));
    assert.deepEqual(comments(out.text), comments(withOrdersTask(testReplication)));
    assert.match(out.text, /rule-id: "2"/, "quoted scalars stay quoted");
  });

  it("changes nothing the second time (the old text comes back byte for byte)", () => {
    const once = promoteText(
      replication,
      { text: devReplication, shown: "Pulumi.dev.yaml" },
      { text: testReplication, shown: "Pulumi.test.yaml" },
    );
    const twice = promoteText(
      replication,
      { text: devReplication, shown: "Pulumi.dev.yaml" },
      { text: once.text, shown: "Pulumi.test.yaml" },
    );
    assert.deepEqual(twice.changes, []);
    assert.equal(twice.text, once.text);
  });

  it("copies single keys inside a mapping and keeps its environment-specific siblings", () => {
    const dev = read("foundation", "dev").replace('engineVersion: "8.0"\n', 'engineVersion: "8.4"\n');
    const prodText = read("foundation", "prod");
    const out = promoteText(
      foundation,
      { text: dev, shown: "Pulumi.dev.yaml" },
      { text: prodText, shown: "Pulumi.prod.yaml" },
    );
    assert.deepEqual(out.changes, [{ path: "dms-platform-foundation:target.engineVersion", change: "changed" }]);
    assert.equal(out.text, prodText.replace('engineVersion: "8.0"\n', 'engineVersion: "8.4"\n'));
    const target = configOf(out.text)["dms-platform-foundation:target"] as Record<string, unknown>;
    assert.equal(target.instanceClass, "db.r6g.large");
    assert.equal(target.allocatedStorageGb, 200);
    assert.equal(configOf(out.text)["dms-platform-foundation:labSource"], undefined, "dev's lab source stays in dev");
  });

  it("removes a promotable key the source no longer has, and adds one the target lacks", () => {
    const dev = read("foundation", "dev").replace(
      '    engineVersion: "8.0"\n    databaseName: dmslab\n  # The lab',
      "    databaseName: dmslab\n  # The lab",
    );
    const removed = promoteText(
      foundation,
      { text: dev, shown: "Pulumi.dev.yaml" },
      { text: read("foundation", "test"), shown: "Pulumi.test.yaml" },
    );
    assert.deepEqual(removed.changes, [{ path: "dms-platform-foundation:target.engineVersion", change: "removed" }]);
    const target = configOf(removed.text)["dms-platform-foundation:target"] as Record<string, unknown>;
    assert.deepEqual(Object.keys(target), ["engine", "databaseName", "instanceClass"]);
    const added = promoteText(
      foundation,
      { text: read("foundation", "dev"), shown: "Pulumi.dev.yaml" },
      { text: removed.text, shown: "Pulumi.test.yaml" },
    );
    assert.deepEqual(added.changes, [{ path: "dms-platform-foundation:target.engineVersion", change: "added" }]);
    assert.deepEqual(configOf(added.text), configOf(read("foundation", "test")));
  });

  it("refuses to copy a secret: it is encrypted with the source stack's key", () => {
    const dev = read("replication", "dev").replace(
      "      databaseName: dmslab\n    target:",
      "      databaseName:\n        secure: AAABAKJ0c2VjcmV0\n    target:",
    );
    assert.throws(
      () =>
        promoteText(
          replication,
          { text: dev, shown: "stacks/replication/Pulumi.dev.yaml" },
          { text: testReplication, shown: "Pulumi.test.yaml" },
        ),
      {
        name: "CliError",
        message: /stacks\/replication\/Pulumi\.dev\.yaml: dms-platform-replication:migration: is a secret/,
      },
    );
  });

  it("names the file and the line of a YAML syntax error", () => {
    assert.throws(
      () =>
        promoteText(
          replication,
          { text: devReplication, shown: "Pulumi.dev.yaml" },
          { text: "config:\n  a:b: [1,\n", shown: "stacks/replication/Pulumi.test.yaml" },
        ),
      { name: "ConfigError", message: /^stacks\/replication\/Pulumi\.test\.yaml: line \d+: not valid YAML/ },
    );
  });
});

describe("promoteText: named entries (dms-platform-foundation:targets.<name>)", () => {
  const foundation = promotionOf("foundation") as StackPromotion;
  const withoutTargets = (text: string) => {
    const start = text.indexOf("  # Further target databases by name");
    const end = text.indexOf("\n  # ", text.indexOf("dms-platform-foundation:targets:", start));
    assert.ok(start >= 0 && end > start, "the file has a targets block");
    return text.slice(0, start) + text.slice(end + 1);
  };

  it("adds a new target's promoted keys to the next environment, not its sizes", () => {
    const dev = read("foundation", "dev").replace(
      "      databaseName: claims\n",
      "      databaseName: claims\n      instanceClass: db.r6g.xlarge\n",
    );
    const out = promoteText(
      foundation,
      { text: dev, shown: "Pulumi.dev.yaml" },
      { text: withoutTargets(read("foundation", "test")), shown: "Pulumi.test.yaml" },
    );
    assert.deepEqual(
      out.changes.map((c) => `${c.path} ${c.change}`),
      [
        "dms-platform-foundation:targets.claims.engine added",
        "dms-platform-foundation:targets.claims.engineVersion added",
        "dms-platform-foundation:targets.claims.databaseName added",
      ],
    );
    assert.deepEqual(configOf(out.text)["dms-platform-foundation:targets"], {
      claims: { engine: "aurora-postgresql", engineVersion: "16", databaseName: "claims" },
    });
  });

  it("changes a target's engine version in prod and keeps prod's instance class", () => {
    const test = read("foundation", "test").replace(
      '      engineVersion: "16"\n      databaseName: claims\n',
      '      engineVersion: "17"\n      databaseName: claims\n',
    );
    const prodText = read("foundation", "prod");
    const out = promoteText(
      foundation,
      { text: test, shown: "Pulumi.test.yaml" },
      { text: prodText, shown: "Pulumi.prod.yaml" },
    );
    assert.deepEqual(out.changes, [
      { path: "dms-platform-foundation:targets.claims.engineVersion", change: "changed" },
    ]);
    const claims = (configOf(out.text)["dms-platform-foundation:targets"] as Record<string, Record<string, unknown>>)
      .claims;
    assert.deepEqual(claims, {
      engine: "aurora-postgresql",
      engineVersion: "17",
      databaseName: "claims",
      instanceClass: "db.r6g.large",
    });
  });

  it("finds nothing to promote between the repository's foundations", () => {
    for (const [from, to] of [
      ["dev", "test"],
      ["test", "prod"],
    ] as const) {
      const out = promoteText(
        foundation,
        { text: read("foundation", from), shown: `Pulumi.${from}.yaml` },
        { text: read("foundation", to), shown: `Pulumi.${to}.yaml` },
      );
      assert.deepEqual(out.changes, [], `${from} -> ${to}`);
    }
  });
});
