import assert from "node:assert/strict";
import fc from "fast-check";
import { findTargetConflicts, matchesPattern, namesOverlap, parseTableMappings } from "./index.js";

const select = (schema: string, table: string, action = "include", id = "1") => ({
  "rule-type": "selection",
  "rule-id": id,
  "rule-name": id,
  "object-locator": { "schema-name": schema, "table-name": table },
  "rule-action": action,
});
const renameSchema = (schema: string, value: string, id = "9") => ({
  "rule-type": "transformation",
  "rule-id": id,
  "rule-name": id,
  "rule-target": "schema",
  "object-locator": { "schema-name": schema },
  "rule-action": "rename",
  value,
});
const mappings = (...rules: object[]) => parseTableMappings({ rules });

describe("consolidation check", () => {
  it("finds two tasks writing the same target table", () => {
    const conflicts = findTargetConflicts([
      { task: "eu-orders", source: "eu", tableMappings: mappings(select("sales", "orders")) },
      { task: "us-orders", source: "us", tableMappings: mappings(select("sales", "orders")) },
    ]);
    assert.equal(conflicts.length, 1);
    assert.deepEqual(conflicts[0]?.tasks, ["eu-orders", "us-orders"]);
    assert.equal(conflicts[0]?.target, "sales.orders");
    assert.match(
      conflicts[0]?.reason ?? "",
      /task "eu-orders" \(source eu\) writes sales\.orders and task "us-orders" \(source us\) writes sales\.orders/,
    );
  });

  it("accepts the same source names renamed apart on the target", () => {
    assert.deepEqual(
      findTargetConflicts([
        { task: "eu", tableMappings: mappings(select("sales", "%"), renameSchema("sales", "sales_eu")) },
        { task: "us", tableMappings: mappings(select("sales", "%"), renameSchema("sales", "sales_us")) },
      ]),
      [],
    );
  });

  it("sees a wildcard selection overlapping an exact one, unless it excludes that table", () => {
    const wide = mappings(select("sales", "%"));
    const one = mappings(select("sales", "customers"));
    assert.equal(
      findTargetConflicts([
        { task: "all", tableMappings: wide },
        { task: "one", tableMappings: one },
      ]).length,
      1,
    );
    const carved = mappings(select("sales", "%"), select("sales", "customers", "exclude", "2"));
    assert.deepEqual(
      findTargetConflicts([
        { task: "all", tableMappings: carved },
        { task: "one", tableMappings: one },
      ]),
      [],
    );
  });

  it("keeps different tables and waves of one source apart", () => {
    assert.deepEqual(
      findTargetConflicts([
        { task: "wave1", tableMappings: mappings(select("dmslab", "customers")) },
        { task: "wave2", tableMappings: mappings(select("dmslab", "orders")) },
      ]),
      [],
    );
  });

  it("judges pattern overlap conservatively", () => {
    assert.ok(namesOverlap("%", "orders"));
    assert.ok(namesOverlap("ord%", "%ers"));
    assert.ok(namesOverlap("t_", "t1"));
    assert.ok(!namesOverlap("orders", "customers"));
    assert.ok(!namesOverlap("eu_%", "us"));
    assert.ok(namesOverlap("t[0-9]", "t5"));
    assert.ok(!namesOverlap("t[0-4]", "t[5-9]"));
    assert.ok(!namesOverlap("a[_]b", "axb"), "[_] is a literal underscore");
    assert.ok(namesOverlap("%_x%", "yx"));
  });
});

describe("namesOverlap (property)", () => {
  it("says two patterns overlap whenever some name matches both", () => {
    const pattern = fc.stringMatching(/^[ab%_]{0,4}$/);
    const name = fc.stringMatching(/^[ab]{0,5}$/);
    fc.assert(
      fc.property(pattern, pattern, name, (p, q, n) => {
        if (matchesPattern(p, n) && matchesPattern(q, n)) assert.ok(namesOverlap(p, q), `${p} / ${q} both match ${n}`);
      }),
      { numRuns: 300 },
    );
  });
});
