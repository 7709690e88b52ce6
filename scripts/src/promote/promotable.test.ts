import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROMOTION_DOCS_PATH, renderKeyLists, withKeyLists } from "./docs.js";
import { concretePaths, promotableChanges, promotionOf, STACK_PROMOTIONS, unclassifiedKeys } from "./promotable.js";

const STACKS = join(__dirname, "..", "..", "..", "stacks");

describe("promotable keys", () => {
  it("classify every key of the repo's stack files as promotable or environment-specific", () => {
    for (const p of STACK_PROMOTIONS) {
      // Each environment's own stack, and in replication every named migration's (`Pulumi.<name>-<env>.yaml`).
      const files = readdirSync(join(STACKS, p.stack)).filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f));
      for (const own of ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.test.yaml"])
        assert.ok(files.includes(own), own);
      if (p.stack === "foundation") assert.equal(files.length, 3, "one foundation per environment");
      for (const file of files) {
        const { config } = parse(readFileSync(join(STACKS, p.stack, file), "utf8")) as {
          config: Record<string, unknown>;
        };
        assert.deepEqual(unclassifiedKeys(p, config), [], `${p.stack}/${file}: every key is in a list`);
      }
    }
  });

  it("report a key in neither list, down to the unlisted key inside a mapping", () => {
    const foundation = promotionOf("foundation");
    assert.ok(foundation);
    assert.deepEqual(
      unclassifiedKeys(foundation, {
        "dms-platform-foundation:target": { engine: "mysql", iops: 3000 },
        "dms-platform-foundation:newSetting": true,
      }),
      ["dms-platform-foundation:target.iops", "dms-platform-foundation:newSetting"],
    );
  });

  it("classify each entry of a mapping of named entries (targets.<name>) by its listed keys", () => {
    const foundation = promotionOf("foundation");
    assert.ok(foundation);
    assert.deepEqual(
      unclassifiedKeys(foundation, {
        "dms-platform-foundation:targets": {
          claims: { engine: "aurora-postgresql", databaseName: "claims", instanceClass: "db.r6g.large" },
          ledger: { engine: "postgres", databaseName: "ledger", iops: 3000 },
        },
      }),
      ["dms-platform-foundation:targets.ledger.iops"],
    );
    const dev = { "dms-platform-foundation:targets": { claims: { engine: "aurora-postgresql" } } };
    const test = { "dms-platform-foundation:targets": { ledger: { engine: "postgres" } } };
    assert.deepEqual(concretePaths(["dms-platform-foundation:targets.<name>.engine", "a:b"], dev, test), [
      "dms-platform-foundation:targets.claims.engine",
      "dms-platform-foundation:targets.ledger.engine",
      "a:b",
    ]);
    assert.deepEqual(promotableChanges(foundation, dev, test), [
      "dms-platform-foundation:targets.claims.engine",
      "dms-platform-foundation:targets.ledger.engine",
    ]);
    assert.deepEqual(promotableChanges(foundation, dev, dev), []);
  });

  it("never list a key as both promotable and environment-specific, nor one inside another", () => {
    for (const p of STACK_PROMOTIONS) {
      for (const k of p.promotable) {
        for (const e of p.environmentSpecific) {
          assert.ok(
            k.path !== e.path && !k.path.startsWith(`${e.path}.`) && !e.path.startsWith(`${k.path}.`),
            `${p.stack}: ${k.path} / ${e.path}`,
          );
        }
      }
    }
  });

  it("are documented in docs/promotion.md, generated from this module (node scripts/dist/promote/generate-docs.js)", () => {
    const doc = readFileSync(PROMOTION_DOCS_PATH, "utf8");
    assert.equal(doc, withKeyLists(doc), "docs/promotion.md is stale: run node scripts/dist/promote/generate-docs.js");
    const lists = renderKeyLists();
    for (const p of STACK_PROMOTIONS) {
      for (const k of [...p.promotable, ...p.environmentSpecific]) assert.ok(lists.includes(`\`${k.path}\``), k.path);
    }
  });
});
