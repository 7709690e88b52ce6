import assert from "node:assert/strict";
import { selectionRule, tableMappings, transformationRule } from "@dms-platform/dms/documents";
import { parseConnection } from "./connection.js";
import { canonicalRow, canonicalValue } from "./normalize.js";
import { meetsExpectation } from "./preflight.js";
import { mappingSelection, parseTablesOption, selectTables, targetNameOf } from "./selection.js";

describe("canonical values (MySQL/MariaDB vs PostgreSQL)", () => {
  it("makes DECIMAL and NUMERIC text equal whatever the scale, and keeps -0 and NULL apart from 0 and ''", () => {
    assert.equal(canonicalValue("decimal", "12.50"), canonicalValue("decimal", "12.5"));
    assert.equal(canonicalValue("decimal", "-0.00"), "0");
    assert.equal(canonicalValue("decimal", "0012.000"), "12");
    assert.notEqual(canonicalRow(["text"], [null]), canonicalRow(["text"], [""]));
  });

  it("reads a MySQL TIMESTAMP in UTC and a PostgreSQL timestamptz with an offset as the same instant", () => {
    assert.equal(canonicalValue("timestamp", "2024-01-01 00:00:01.5"), "2024-01-01T00:00:01.500000");
    assert.equal(canonicalValue("timestamp", "2024-01-01 02:00:01.5+02"), "2024-01-01T00:00:01.500000");
    assert.equal(canonicalValue("timestamp", "2023-12-31 19:00:01.5-05:00"), "2024-01-01T00:00:01.500000");
  });

  it("compares tinyint(1) with boolean, bytes as hex and JSON regardless of key order", () => {
    assert.equal(canonicalValue("boolean", 1), canonicalValue("boolean", "t"));
    assert.equal(canonicalValue("binary", Buffer.from([0, 255])), canonicalValue("binary", "\\x00ff"));
    assert.equal(canonicalValue("json", '{"b":1,"a":[1,2]}'), canonicalValue("json", '{"a": [1, 2], "b": 1}'));
    assert.equal(canonicalValue("float", 1 / 3), canonicalValue("float", "0.3333333333333333"));
  });
});

describe("connection URLs", () => {
  it("refuses a password in the URL and names the variable to use instead", () => {
    assert.throws(
      () => parseConnection("target", { url: "postgres://dms:secret@db:5432/app" }),
      /--target: the URL carries a password; remove it and set DMS_TARGET_PASSWORD or pass --target-secret-file/,
    );
  });

  it("takes the password from the environment and defaults the port per scheme", () => {
    const spec = parseConnection("source", {
      url: "mariadb://dms@db.internal/dmslab",
      env: { DMS_SOURCE_PASSWORD: "pw" },
    });
    assert.deepEqual([spec.family, spec.port, spec.password, spec.tls], ["mysql", 3306, "pw", "require"]);
  });

  it("refuses an unknown scheme and an unknown URL option", () => {
    assert.throws(
      () => parseConnection("source", { url: "oracle://u@h/db" }),
      /scheme must be mysql:\/\/, mariadb:\/\/ or postgres:\/\//,
    );
    assert.throws(() => parseConnection("source", { url: "postgres://u@h/db?sslmode=disable" }), /URL option sslmode/);
  });
});

describe("table selection", () => {
  const tables = [
    { schema: "dmslab", table: "customers" },
    { schema: "dmslab", table: "orders" },
    { schema: "sales", table: "cust_x" },
  ];
  it("matches % and _ as DMS does", () => {
    assert.deepEqual(
      selectTables(parseTablesOption("dmslab.%,sales.cust__"), tables).map((t) => `${t.schema}.${t.table}`),
      ["dmslab.customers", "dmslab.orders", "sales.cust_x"],
    );
    assert.throws(() => parseTablesOption("customers"), /--tables: "customers" is not schema.table/);
  });

  it("applies each task's exclusions to its own selection only, and names tables by its own renames", () => {
    const task1 = mappingSelection(
      tableMappings(
        selectionRule({ schema: "dmslab", table: "%" }),
        selectionRule({ schema: "dmslab", table: "orders", action: "exclude" }),
        transformationRule({ target: "schema", action: "rename", schema: "dmslab", value: "shop" }),
        transformationRule({
          target: "table",
          action: "rename",
          schema: "dmslab",
          table: "customers",
          value: "clients",
        }),
      ),
      "tasks[0]",
      "Pulumi.shop-dev.yaml: tasks[0]",
    );
    const task2 = mappingSelection(
      tableMappings(selectionRule({ schema: "sales", table: "%" })),
      "tasks[1]",
      "tasks[1]",
    );
    const selected = selectTables([...task1, ...task2], tables);
    assert.deepEqual(
      selected.map((t) => `${t.schema}.${t.table}`),
      ["dmslab.customers", "sales.cust_x"],
    );
    const rules = [...task1, ...task2];
    assert.deepEqual(targetNameOf(rules, { schema: "dmslab", table: "customers" }), {
      schema: "shop",
      table: "clients",
    });
    assert.deepEqual(targetNameOf(rules, { schema: "sales", table: "cust_x" }), { schema: "sales", table: "cust_x" });
    // The same tables through a second task that does not exclude orders: selected, under its source name.
    const task3 = mappingSelection(tableMappings(selectionRule({ schema: "dmslab", table: "orders" })), "t3", "t3");
    assert.deepEqual(
      selectTables([...task1, ...task3], tables).map((t) => `${t.schema}.${t.table}`),
      ["dmslab.customers", "dmslab.orders"],
    );
  });

  it("checks live values against the parameter table's expectations", () => {
    assert.equal(meetsExpectation("row", { equals: "ROW" }), true);
    assert.equal(meetsExpectation("9999", { atLeast: 10000 }), false);
    assert.equal(meetsExpectation("on", { oneOf: ["on", "1"] }), true);
  });
});
