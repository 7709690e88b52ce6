import assert from "node:assert/strict";
import {
  isWildcardName,
  MappingError,
  matchesPattern,
  parseTableMappings,
  parseTableMappingsDetailed,
  selectedObjects,
  selectionRule,
  TABLE_MAPPINGS_MAX_BYTES,
  tableMappings,
  tableSettingsRule,
  transformationRule,
  transformedName,
} from "./index.js";

const lab = {
  rules: [
    {
      "rule-type": "selection",
      "rule-id": "1",
      "rule-name": "1",
      "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
      "rule-action": "include",
    },
  ],
};

function mappingError(fn: () => unknown): MappingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MappingError) return err;
    throw err;
  }
  assert.fail("expected a MappingError");
}

describe("parseTableMappings", () => {
  it("names the file, the JSON path and the rule in its message", () => {
    const bad = { rules: [...lab.rules, { ...lab.rules[0], "rule-id": "2", "rule-action": "add" }] };
    const err = mappingError(() => parseTableMappings(JSON.stringify(bad), { file: "mapping.json" }));
    assert.equal(
      err.message,
      'mapping.json: rules[1].rule-action: must be one of include, exclude, explicit for a selection rule (got "add")',
    );
    const bare = mappingError(() => parseTableMappings(bad));
    assert.equal(
      bare.message,
      'rules[1].rule-action: must be one of include, exclude, explicit for a selection rule (got "add")',
    );
    assert.equal(bare.file, undefined);
  });

  it('accepts rule-id and rule-name as numbers or numeric strings, and treats 1 and "1" as the same id', () => {
    const numeric = { rules: [{ ...lab.rules[0], "rule-id": 1, "rule-name": 1 }] };
    assert.deepEqual(parseTableMappings(numeric), numeric);
    const clash = { rules: [lab.rules[0], { ...lab.rules[0], "rule-id": 1, "rule-name": "other" }] };
    assert.equal(mappingError(() => parseTableMappings(clash)).path, "rules[1].rule-id");
    assert.equal(
      mappingError(() => parseTableMappings({ rules: [{ ...lab.rules[0], "rule-id": "1.5" }] })).path,
      "rules[0].rule-id",
    );
  });

  it("warns of, and keeps, fields near nothing it knows: a newer or target-specific field never blocks a plan", () => {
    const [selection] = lab.rules;
    assert.ok(selection);
    const doc = {
      comment: "owned by the platform team",
      rules: [
        { ...selection, "object-locator": { ...selection["object-locator"], "database-name": "x" } },
        {
          "rule-type": "object-mapping",
          "rule-id": "2",
          "rule-name": "2",
          "rule-action": "map-record-to-record",
          "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
          "opensearch-index-template": "t",
        },
      ],
    };
    const { document, warnings } = parseTableMappingsDetailed(doc);
    assert.deepEqual(document, doc);
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["comment", "rules[0].object-locator.database-name", "rules[1].opensearch-index-template"],
    );
    assert.match(
      warnings[2]?.message ?? "",
      /^is not in the catalogue of table-mapping fields as of DMS 3\.6\.x \(an object-mapping rule takes .*\); DMS ignores a field it does not know/,
    );
  });

  it("refuses fields DMS would ignore, naming the rule type they belong to or the field meant", () => {
    const [selection] = lab.rules;
    assert.ok(selection);
    const cases: Array<[object, string, string]> = [
      [
        { rules: [{ ...selection, "rule-target": "table" }] },
        "rules[0].rule-target",
        "not a field of a selection rule; rule-target belongs to transformation rules",
      ],
      [
        { rules: [{ ...selection, "object-locator": { ...selection["object-locator"], "column-name": "email" } }] },
        "rules[0].object-locator.column-name",
        "not an object-locator field of a selection rule; column-name belongs to the object-locator of transformation rules",
      ],
      [
        {
          rules: [
            selection,
            {
              ...selection,
              "rule-type": "transformation",
              "rule-id": "2",
              "rule-target": "table",
              "rule-action": "convert-lowercase",
              "lob-settings": { mode: "none" },
            },
          ],
        },
        "rules[1].lob-settings",
        "not a field of a transformation rule; lob-settings belongs to table-settings rules",
      ],
      [
        { rules: [{ ...selection, "rule-acton": "include" }] },
        "rules[0].rule-acton",
        "not a field of a selection rule (did you mean `rule-action`?)",
      ],
      [
        { rules: [{ ...selection, LoopbackPreventionSettings: { EnableLoopbackPrevention: true } }] },
        "rules[0].LoopbackPreventionSettings",
        "not a field of a selection rule; LoopbackPreventionSettings is a task setting: put it in the task settings, not in the table mappings",
      ],
      [
        { "load-order": 1, ...lab },
        "load-order",
        'not a table-mappings field: a table-mappings document has only "rules", and DMS ignores anything else (load-order is a field of a rule)',
      ],
    ];
    for (const [doc, path, rule] of cases) {
      const err = mappingError(() => parseTableMappings(doc));
      assert.equal(err.path, path);
      assert.equal(err.rule, rule);
    }
  });

  it("warns of a duplicate rule-name, which DMS accepts, and still parses the document", () => {
    const doc = {
      rules: [
        lab.rules[0],
        { ...lab.rules[0], "rule-id": "2", "object-locator": { "schema-name": "dmslab", "table-name": "orders" } },
      ],
    };
    const { document, warnings } = parseTableMappingsDetailed(doc);
    assert.deepEqual(document, doc);
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["rules[1].rule-name"],
    );
    assert.match(warnings[0]?.message ?? "", /^duplicates the rule-name of rules\[0\] \("1"\)/);
    assert.deepEqual(parseTableMappings(doc), doc);
  });

  it("warns of a rule whose object-locator no selection selects, comparing patterns as patterns", () => {
    const select = (schema: string, table: string, id: string, action = "include") => ({
      "rule-type": "selection",
      "rule-id": id,
      "rule-name": id,
      "object-locator": { "schema-name": schema, "table-name": table },
      "rule-action": action,
    });
    const renameSchema = (schema: string, id: string) => ({
      "rule-type": "transformation",
      "rule-id": id,
      "rule-name": id,
      "rule-target": "schema",
      "object-locator": { "schema-name": schema },
      "rule-action": "rename",
      value: "crm",
    });
    const lobs = (schema: string, table: string, id: string) => ({
      "rule-type": "table-settings",
      "rule-id": id,
      "rule-name": id,
      "object-locator": { "schema-name": schema, "table-name": table },
      "lob-settings": { mode: "unlimited" },
    });
    const { warnings } = parseTableMappingsDetailed({
      rules: [
        select("sales", "%ers", "1"),
        select("audit", "%", "2", "exclude"),
        renameSchema("Sales", "3"),
        renameSchema("audit", "4"),
        lobs("sales", "orders", "5"),
        lobs("sales", "invoices", "6"),
      ],
    });
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["rules[2].object-locator", "rules[3].object-locator", "rules[5].object-locator"],
    );
    assert.match(
      warnings[0]?.message ?? "",
      /^names "Sales", which no include or explicit selection rule selects; DMS applies a transformation rule to selected objects only/,
    );
  });

  it("returns a copy: changing the result does not change the input", () => {
    const input = structuredClone(lab);
    const parsed = parseTableMappings(input);
    (parsed.rules[0] as { "rule-name": string })["rule-name"] = "changed";
    assert.deepEqual(input, lab);
  });

  it("refuses a mapping over 2 MB measured in UTF-8 bytes, not characters", () => {
    // Each table name is 2-byte characters: the JS string stays under 2 MiB characters, the bytes do not.
    const rules = [];
    const table = "é".repeat(900);
    for (let i = 0; rules.length * 1000 < TABLE_MAPPINGS_MAX_BYTES * 0.65; i++) {
      rules.push({
        ...lab.rules[0],
        "rule-id": String(i + 1),
        "rule-name": String(i + 1),
        "object-locator": { "schema-name": "s", "table-name": `${table}${i}` },
      });
    }
    const text = JSON.stringify({ rules });
    assert.ok(text.length < TABLE_MAPPINGS_MAX_BYTES, "characters under the limit");
    const err = mappingError(() => parseTableMappings(text));
    assert.equal(err.path, "");
    assert.match(err.rule, /^is \d+ bytes; AWS DMS processes table mappings up to 2 MB \(2097152 bytes\)/);
  });

  it("refuses a document that is not an object with a rules array", () => {
    assert.equal(
      mappingError(() => parseTableMappings("[]")).rule,
      'must be a JSON object with a "rules" array (got [])',
    );
    assert.equal(mappingError(() => parseTableMappings({})).path, "rules");
  });
});

describe("wildcards", () => {
  it("matches % (any run), _ (one character), [_] (a literal underscore), [ab] and [a-d]", () => {
    assert.ok(matchesPattern("DMS%", "DMS_ORDERS"));
    assert.ok(!matchesPattern("DMS%", "XDMS"));
    assert.ok(matchesPattern("a_c", "abc"));
    assert.ok(matchesPattern("ab[_]cd", "ab_cd"));
    assert.ok(!matchesPattern("ab[_]cd", "abxcd"));
    assert.ok(matchesPattern("[ab]x", "bx"));
    assert.ok(matchesPattern("t[a-d]", "tc") && !matchesPattern("t[a-d]", "te"));
    assert.ok(matchesPattern("a.b", "a.b") && !matchesPattern("a.b", "axb"));
  });

  it("counts % and bracket sets as wildcards, but not the underscores of ordinary names", () => {
    assert.ok(isWildcardName("%"));
    assert.ok(isWildcardName("TEST#_T%"));
    assert.ok(isWildcardName("[ab]c"));
    assert.ok(!isWildcardName("order_items"));
    assert.ok(!isWildcardName("ab[_]cd"));
  });
});

describe("transformedName", () => {
  it("names a concrete table of a wildcard selection on the target: schema rename, then its own table rules", () => {
    const doc = tableMappings(
      selectionRule({ schema: "dmslab", table: "%" }),
      transformationRule({ target: "schema", action: "rename", schema: "dmslab", value: "shop" }),
      transformationRule({ target: "table", action: "rename", schema: "dmslab", table: "customers", value: "clients" }),
      transformationRule({ target: "table", action: "add-suffix", schema: "dmslab", table: "ord%", value: "_v2" }),
    );
    assert.deepEqual(transformedName(doc, "dmslab", "customers"), { schema: "shop", table: "clients" });
    assert.deepEqual(transformedName(doc, "dmslab", "orders"), { schema: "shop", table: "orders_v2" });
    assert.deepEqual(transformedName(doc, "other", "customers"), { schema: "other", table: "customers" });
  });
});

describe("selectedObjects", () => {
  it("lists the lab mapping's one table, unchanged on the target", () => {
    assert.deepEqual(selectedObjects(parseTableMappings(lab)), [
      {
        schemaName: "dmslab",
        tableName: "customers",
        action: "include",
        targetSchemaName: "dmslab",
        targetTableName: "customers",
      },
    ]);
  });

  it("applies schema and table transformations whose locator matches to compute target names", () => {
    const doc = tableMappings(
      selectionRule({ schema: "HR", table: "EMPLOYEES" }),
      selectionRule({ schema: "HR", table: "TMP%", action: "exclude" }),
      selectionRule({ schema: "SALES", table: "%" }),
      transformationRule({ target: "schema", action: "rename", schema: "HR", value: "people" }),
      transformationRule({ target: "table", action: "convert-lowercase", schema: "%", table: "%" }),
      transformationRule({ target: "table", action: "add-prefix", schema: "HR", table: "EMP%", value: "dms_" }),
      transformationRule({
        target: "column",
        action: "rename",
        schema: "HR",
        table: "EMPLOYEES",
        column: "ID",
        value: "id",
      }),
    );
    assert.deepEqual(
      selectedObjects(doc).map((o) => [
        o.action,
        `${o.schemaName}.${o.tableName}`,
        `${o.targetSchemaName}.${o.targetTableName}`,
      ]),
      [
        ["include", "HR.EMPLOYEES", "people.dms_employees"],
        ["exclude", "HR.TMP%", "people.tmp%"],
        ["include", "SALES.%", "SALES.%"],
      ],
    );
  });
});

describe("builders", () => {
  it("build the reference lab mapping", () => {
    assert.deepEqual(tableMappings(selectionRule({ schema: "dmslab", table: "customers" })), lab);
  });

  it("number rules without a rule-id after the highest id given, and default rule-name to the id", () => {
    const doc = tableMappings(
      selectionRule({ schema: "a", table: "%", ruleId: 10, ruleName: "all of a" }),
      selectionRule({ schema: "b", table: "t", action: "explicit" }),
      tableSettingsRule({ schema: "b", table: "t", lobSettings: { mode: "limited", "bulk-max-size": 1024 } }),
    );
    assert.deepEqual(
      doc.rules.map((r) => [r["rule-id"], r["rule-name"]]),
      [
        ["10", "all of a"],
        ["11", "11"],
        ["12", "12"],
      ],
    );
  });

  it("write source filters in DMS's shape", () => {
    const rule = selectionRule({
      schema: "test",
      table: "employee",
      filters: [
        {
          column: "empid",
          conditions: [
            { operator: "lte", value: "10" },
            { operator: "between", start: "50", end: "75" },
          ],
        },
        { column: "dept", conditions: [{ operator: "notnull" }] },
      ],
    });
    assert.deepEqual(rule.filters, [
      {
        "filter-type": "source",
        "column-name": "empid",
        "filter-conditions": [
          { "filter-operator": "lte", value: "10" },
          { "filter-operator": "between", "start-value": "50", "end-value": "75" },
        ],
      },
      { "filter-type": "source", "column-name": "dept", "filter-conditions": [{ "filter-operator": "notnull" }] },
    ]);
  });

  it("refuse, when assembled, a combination DMS rejects, naming the rule", () => {
    const err = mappingError(() =>
      tableMappings(
        selectionRule({ schema: "a", table: "%" }),
        transformationRule({ target: "schema", action: "define-primary-key", schema: "a" }),
      ),
    );
    assert.equal(err.path, "rules[1].rule-action");
    assert.match(err.rule, /for rule-target "schema" \(got "define-primary-key"\)/);
    assert.equal(
      mappingError(() =>
        tableMappings(transformationRule({ target: "schema", action: "convert-lowercase", schema: "a" })),
      ).path,
      "rules",
    );
  });
});
