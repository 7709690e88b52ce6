import assert from "node:assert/strict";
import {
  addBeforeImageColumns,
  addColumn,
  addPrefix,
  addSuffix,
  changeDataType,
  convertLowercase,
  convertUppercase,
  definePrimaryKey,
  excludeColumn,
  hashMask,
  includeColumn,
  MappingError,
  maskDigits,
  type NamedObject,
  randomizeDigits,
  removeColumn,
  removePrefix,
  removeSuffix,
  renameColumn,
  renameSchema,
  renameTable,
  renameTablespace,
  replacePrefix,
  replaceSuffix,
  selectionRule,
  TRANSFORMATION_ACTIONS_BY_TARGET,
  TRANSFORMATION_TARGETS,
  type TransformationRule,
  tableMappings,
  transformationRule,
} from "./index.js";

const include = selectionRule({ schema: "test", table: "%" });
/** The transformation rule as the assembled, validated mapping holds it. */
const assembled = (rule: ReturnType<typeof renameSchema>) =>
  tableMappings(include, rule).rules[1] as TransformationRule;

describe("transformation shortcuts", () => {
  it("write the rules of the DMS User Guide's examples (Transformation rules and actions)", () => {
    assert.deepEqual(assembled(renameSchema({ schema: "Test", to: "Test1" })), {
      "rule-type": "transformation",
      "rule-id": "2",
      "rule-name": "2",
      "rule-target": "schema",
      "object-locator": { "schema-name": "Test" },
      "rule-action": "rename",
      value: "Test1",
    });
    const column = assembled(renameColumn({ schema: "test", table: "Actor", column: "first_name", to: "fname" }));
    assert.deepEqual(column["object-locator"], {
      "schema-name": "test",
      "table-name": "Actor",
      "column-name": "first_name",
    });
    assert.equal(column.value, "fname");
    const added = assembled(
      addColumn({
        schema: "test",
        table: "actor",
        column: "last_updated",
        dataType: { type: "datetime", precision: 6 },
      }),
    );
    assert.deepEqual(
      [added["rule-target"], added["rule-action"], added["object-locator"], added.value, added["data-type"]],
      [
        "column",
        "add-column",
        { "schema-name": "test", "table-name": "actor" },
        "last_updated",
        { type: "datetime", precision: 6 },
      ],
    );
    const replaced = assembled(
      replacePrefix({ target: "column", schema: "%", table: "%", column: "%", oldPrefix: "Pre_", prefix: "NewPre_" }),
    );
    assert.deepEqual([replaced["old-value"], replaced.value], ["Pre_", "NewPre_"]);
    const key = assembled(
      definePrimaryKey({
        schema: "inventory",
        table: "ITEM",
        name: "ITEM-unique-idx",
        origin: "unique-index",
        columns: ["ITEM-NAME", "BOM-MODEL-NUM", "BOM-PART-NUM"],
      }),
    );
    assert.deepEqual(key["primary-key-def"], {
      name: "ITEM-unique-idx",
      origin: "unique-index",
      columns: ["ITEM-NAME", "BOM-MODEL-NUM", "BOM-PART-NUM"],
    });
    const beforeImage = assembled(
      addBeforeImageColumns({
        schema: "%",
        table: "employees",
        columnPrefix: "BI_",
        columnSuffix: "",
        columnFilter: "pk-only",
      }),
    );
    assert.deepEqual(beforeImage["before-image-def"], {
      "column-prefix": "BI_",
      "column-suffix": "",
      "column-filter": "pk-only",
    });
    assert.equal(beforeImage["object-locator"]["column-name"], undefined);
    const masked = assembled(
      maskDigits({ schema: "cust_schema", table: "customer_master", column: "cust_passport_no", maskCharacter: "#" }),
    );
    assert.deepEqual([masked["rule-action"], masked.value], ["data-masking-digits-mask", "#"]);
  });

  it("cover exactly the rule-actions DMS accepts for each rule-target, and every rule they write validates", () => {
    const objects: NamedObject[] = [
      { target: "schema", schema: "s" },
      { target: "table", schema: "s", table: "t" },
      { target: "column", schema: "s", table: "t", column: "c" },
      { target: "table-tablespace", schema: "s", table: "t", tablespace: "ts" },
      { target: "index-tablespace", schema: "s", table: "t", tablespace: "ix" },
    ];
    const column = { schema: "s", table: "t", column: "c" };
    const rules = [
      renameSchema({ schema: "s", to: "n" }),
      renameTable({ schema: "s", table: "t", to: "n" }),
      renameColumn({ ...column, to: "n" }),
      renameTablespace({ target: "table-tablespace", schema: "s", table: "t", tablespace: "ts", to: "n" }),
      renameTablespace({ target: "index-tablespace", schema: "s", table: "t", tablespace: "ix", to: "n" }),
      ...objects.flatMap((o) => [
        convertLowercase(o),
        convertUppercase(o),
        addPrefix({ ...o, prefix: "p_" }),
        removePrefix({ ...o, prefix: "p_" }),
        replacePrefix({ ...o, oldPrefix: "p_", prefix: "q_" }),
        addSuffix({ ...o, suffix: "_x" }),
        removeSuffix({ ...o, suffix: "_x" }),
        replaceSuffix({ ...o, oldSuffix: "_x", suffix: "_y" }),
      ]),
      removeColumn(column),
      includeColumn(column),
      excludeColumn(column),
      changeDataType({ ...column, dataType: { type: "int8" } }),
      addColumn({ schema: "s", table: "t", column: "n", dataType: { type: "string", length: 50 }, expression: "$c" }),
      addBeforeImageColumns({ schema: "s", table: "t", columnFilter: "all" }),
      definePrimaryKey({ schema: "s", table: "t", name: "pk", columns: ["c"] }),
      maskDigits({ ...column, maskCharacter: "*" }),
      randomizeDigits(column),
      hashMask(column),
    ];
    // One rule per object is DMS's limit; here every rule is checked on its own.
    const written = new Map<string, Set<string>>();
    for (const rule of rules) {
      const r = assembled(rule);
      const actions = written.get(r["rule-target"]) ?? new Set<string>();
      actions.add(r["rule-action"]);
      written.set(r["rule-target"], actions);
    }
    for (const target of TRANSFORMATION_TARGETS) {
      assert.deepEqual(
        [...(written.get(target) ?? [])].sort(),
        [...TRANSFORMATION_ACTIONS_BY_TARGET[target]].sort(),
        target,
      );
    }
  });

  it("make a wrong target/action pair or a missing field a compile error; the validator refuses it when forced", () => {
    const refused = (build: () => ReturnType<typeof renameSchema>, path: string) =>
      assert.throws(
        () => tableMappings(include, build()),
        (err: unknown) => err instanceof MappingError && err.path === path,
      );
    // @ts-expect-error a column action needs the column
    refused(() => removeColumn({ schema: "s", table: "t" }), "rules[1].object-locator.column-name");
    // @ts-expect-error a table rule needs the table
    refused(() => convertLowercase({ target: "table", schema: "s" }), "rules[1].object-locator.table-name");
    // @ts-expect-error replace-prefix needs the prefix it replaces
    refused(() => replacePrefix({ target: "schema", schema: "s", prefix: "p_" }), "rules[1].old-value");
    // @ts-expect-error add-column needs the new column's data type
    refused(() => addColumn({ schema: "s", table: "t", column: "n" }), "rules[1].data-type");
    refused(
      // @ts-expect-error a primary key is defined on a table
      () => definePrimaryKey({ schema: "s", name: "pk", columns: ["c"] }),
      "rules[1].object-locator.table-name",
    );
    // The general constructor stays for documents the shortcuts do not model; the validator judges it.
    refused(
      () => transformationRule({ target: "schema", action: "remove-column", schema: "s" }),
      "rules[1].rule-action",
    );
    const typeOnly = () => [
      // @ts-expect-error a schema rename takes no table
      renameSchema({ schema: "s", table: "t", to: "n" }),
      // @ts-expect-error a rename takes `to`, not a prefix
      renameTable({ schema: "s", table: "t", prefix: "p_" }),
      // @ts-expect-error the tablespace targets need the tablespace
      convertUppercase({ target: "index-tablespace", schema: "s", table: "t" }),
      // @ts-expect-error change-data-type applies to columns only
      changeDataType({ schema: "s", table: "t", dataType: { type: "int8" } }),
      // @ts-expect-error masking takes a mask character, not a value
      maskDigits({ schema: "s", table: "t", column: "c", value: "#" }),
    ];
    assert.equal(typeof typeOnly, "function");
  });
});
