import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { z } from "zod";
import {
  ConfigError,
  checkIdentifier,
  componentContextSchema,
  dmsName,
  dmsNamePattern,
  ENVIRONMENT_PROFILES,
  ENVIRONMENTS,
  getProfile,
  input,
  isDeferred,
  mergeTags,
  missingRequiredTags,
  NamingError,
  parseComponentArgs,
  parsePulumiConfigText,
  parseStackConfig,
  physicalName,
  readDefaultTags,
  readPulumiConfigFile,
  requiredTags,
  SECURE_PLACEHOLDER,
} from "./index.js";

describe("environment profiles", () => {
  it("has one profile per environment, prod the strictest", () => {
    assert.deepEqual(Object.keys(ENVIRONMENT_PROFILES).sort(), [...ENVIRONMENTS].sort());
    const prod = getProfile("prod");
    assert.equal(prod.multiAz, true);
    assert.equal(prod.deletionProtection, true);
    assert.equal(prod.protect, true);
    assert.equal(prod.finalSnapshot, true);
    assert.ok(prod.logRetentionDays >= 365, "prod keeps logs at least a year");
    assert.equal(prod.azCount, 3);
    assert.equal(getProfile("dev").multiAz, false);
    assert.equal(getProfile("dev").azCount, 2);
  });

  it("never lets an environment default to an endpoint SSL mode of none", () => {
    for (const env of ENVIRONMENTS) assert.notEqual(getProfile(env).endpointSslMode, "none");
  });

  it("rejects an unknown environment", () => {
    assert.throws(() => getProfile("staging" as never), /unknown environment "staging"/);
  });
});

describe("tags", () => {
  it("merges left to right and drops undefined values", () => {
    assert.deepEqual(mergeTags({ A: "1", B: "2" }, undefined, { B: "3", C: undefined }), { A: "1", B: "3" });
  });

  it("lists the required keys that are missing or empty", () => {
    assert.deepEqual(missingRequiredTags({ Application: "orders", Environment: "dev", Owner: "" }), [
      "Owner",
      "CostCenter",
      "DataClassification",
    ]);
    assert.deepEqual(missingRequiredTags(undefined).length, 5);
  });

  it("validates the data classification", () => {
    assert.throws(
      () =>
        requiredTags({
          application: "orders",
          environment: "dev",
          owner: "team",
          costCenter: "cc1",
          dataClassification: "secret" as never,
        }),
      /DataClassification/,
    );
  });
});

describe("naming", () => {
  it("names DMS resources <env>-<app>-<purpose>-dms", () => {
    assert.equal(
      dmsName({ environment: "prod", application: "orders", purpose: "customers" }),
      "prod-orders-customers-dms",
    );
    assert.ok(dmsNamePattern("prod").test("prod-orders-customers-dms"));
    assert.ok(!dmsNamePattern("prod").test("dev-orders-customers-dms"));
  });

  it("lowercases identifiers AWS stores in lowercase", () => {
    assert.equal(
      physicalName("rds-instance", { environment: "dev", application: "DmsLab", purpose: "Src" }),
      "dev-dmslab-src",
    );
  });

  it("refuses a name over the service's length limit, naming the parts", () => {
    const long = "a".repeat(60);
    assert.throws(
      () => physicalName("dms-replication-instance", { environment: "dev", application: long, purpose: "x" }),
      (err: unknown) =>
        err instanceof NamingError && /application "a{60}"/.test(err.message) && /allows 1-63/.test(err.message),
    );
  });

  it("refuses parts with double hyphens or odd characters", () => {
    assert.throws(() => dmsName({ environment: "dev", application: "a--b", purpose: "x" }), NamingError);
    assert.throws(() => dmsName({ environment: "dev", application: "a_b", purpose: "x" }), NamingError);
  });

  it("checks identifier rules", () => {
    assert.match(checkIdentifier("1abc", "rds-instance") ?? "", /start with a letter/);
    assert.match(checkIdentifier("abc-", "dms-task") ?? "", /hyphen/);
    assert.match(checkIdentifier("default", "dms-subnet-group") ?? "", /reserved/);
    assert.match(checkIdentifier("sg-123", "security-group") ?? "", /sg-/);
    assert.equal(checkIdentifier("dev-orders-src", "rds-instance"), undefined);
  });

  it("names a dashboard within CloudWatch's DashboardName rule (no dots)", () => {
    assert.equal(
      physicalName("cloudwatch-dashboard", { environment: "prod", application: "orders", purpose: "migration" }),
      "prod-orders-migration-dms",
    );
    assert.match(checkIdentifier("prod.orders", "cloudwatch-dashboard") ?? "", /PutDashboard/);
    assert.match(checkIdentifier("a".repeat(256), "cloudwatch-dashboard") ?? "", /allows 1-255/);
  });

  it("every name it returns passes the rule it was built for (property)", () => {
    const part = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);
    fc.assert(
      fc.property(fc.constantFrom(...ENVIRONMENTS), part, part, (environment, application, purpose) => {
        for (const kind of ["dms-replication-instance", "dms-task", "rds-instance", "iam-role", "log-group"] as const) {
          const name = physicalName(kind, { environment, application, purpose });
          assert.equal(checkIdentifier(name, kind), undefined);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("config loading", () => {
  const schema = z
    .object({
      migration: z
        .object({
          tasks: z.array(
            z.object({ name: z.string(), migrationType: z.enum(["full-load", "cdc", "full-load-and-cdc"]) }).strict(),
          ),
        })
        .strict(),
      azCount: z.number().int().min(2).optional(),
      owner: z.string(),
    })
    .strict();

  it("parses typed YAML values and ignores other namespaces", () => {
    const file = parsePulumiConfigText(
      [
        "# comment",
        "config:",
        "  aws:region: eu-west-1",
        "  proj:owner: team-data",
        "  proj:azCount: 3",
        "  proj:migration:",
        "    tasks:",
        "      - name: customers",
        "        migrationType: full-load-and-cdc",
      ].join("\n"),
      "/x/Pulumi.dev.yaml",
    );
    const parsed = parseStackConfig(schema, file.values, { file: "Pulumi.dev.yaml", namespace: "proj" });
    assert.equal(parsed.azCount, 3);
    assert.equal(parsed.migration.tasks[0]?.migrationType, "full-load-and-cdc");
  });

  it("decodes runtime string values (JSON for structured values)", () => {
    const parsed = parseStackConfig(
      schema,
      { "proj:owner": "team", "proj:azCount": "3", "proj:migration": '{"tasks":[]}' },
      { file: "Pulumi.dev.yaml", namespace: "proj" },
    );
    assert.equal(parsed.azCount, 3);
    assert.deepEqual(parsed.migration.tasks, []);
  });

  it("names the file, the key path and the rule on a bad value", () => {
    assert.throws(
      () =>
        parseStackConfig(
          schema,
          {
            "proj:owner": "t",
            "proj:migration": {
              tasks: [
                { name: "a", migrationType: "cdc" },
                { name: "b", migrationType: "full" },
              ],
            },
          },
          { file: "Pulumi.prod.yaml", namespace: "proj" },
        ),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.file, "Pulumi.prod.yaml");
        assert.equal(err.path, "proj:migration.tasks[1].migrationType");
        assert.match(err.rule, /full-load/);
        assert.match(err.rule, /got "full"/);
        assert.match(err.message, /^Pulumi\.prod\.yaml: proj:migration\.tasks\[1\]\.migrationType: /);
        return true;
      },
    );
  });

  it("refuses an unknown key of its namespace", () => {
    assert.throws(
      () =>
        parseStackConfig(
          schema,
          { "proj:owner": "t", "proj:migraton": {} },
          { file: "Pulumi.dev.yaml", namespace: "proj" },
        ),
      /Pulumi\.dev\.yaml: proj:migraton: unknown config key/,
    );
  });

  it("reports a missing required key", () => {
    assert.throws(
      () =>
        parseStackConfig(schema, { "proj:migration": { tasks: [] } }, { file: "Pulumi.dev.yaml", namespace: "proj" }),
      /proj:owner: /,
    );
  });

  it("replaces secure values by a placeholder and lists them", () => {
    const file = parsePulumiConfigText("config:\n  proj:password:\n    secure: v1:abc\n", "Pulumi.dev.yaml");
    assert.equal(file.values["proj:password"], SECURE_PLACEHOLDER);
    assert.deepEqual(file.secureKeys, ["proj:password"]);
  });

  it("names the file and line of malformed YAML, and a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const path = join(dir, "Pulumi.dev.yaml");
    writeFileSync(path, "config:\n  proj:a: [1, 2\n");
    assert.throws(() => readPulumiConfigFile(path), /Pulumi\.dev\.yaml: line \d+: not valid YAML/);
    assert.throws(
      () => readPulumiConfigFile(join(dir, "Pulumi.test.yaml")),
      /Pulumi\.test\.yaml: \(root\): file not found/,
    );
  });
});

describe("component args", () => {
  const schema = componentContextSchema
    .extend({ azCount: z.number().int().min(2).optional(), vpcId: input(z.string()).optional() })
    .strict();
  const tags = {
    Application: "orders",
    Environment: "dev",
    Owner: "team",
    CostCenter: "cc",
    DataClassification: "internal",
  };

  it("accepts plain values and deferred ones (promises, outputs) for inputs", () => {
    const parsed = parseComponentArgs(
      schema,
      { environment: "dev", application: "orders", tags: { ...tags, Extra: "x" }, vpcId: Promise.resolve("vpc-1") },
      "MigrationNetwork",
      "net",
    );
    assert.equal(parsed.tags.Extra, "x");
    assert.equal(isDeferred({ __pulumiOutput: true }), true);
  });

  it("names the component, the argument path and the rule", () => {
    assert.throws(
      () =>
        parseComponentArgs(
          schema,
          { environment: "dev", application: "orders", tags, azCount: 1 },
          "MigrationNetwork",
          "net",
        ),
      /^ConfigError: MigrationNetwork "net": azCount: must be at least 2 \(got 1\)$/,
    );
    assert.throws(
      () =>
        parseComponentArgs(
          schema,
          { environment: "dev", application: "orders", tags, bogus: 1 },
          "MigrationNetwork",
          "net",
        ),
      /MigrationNetwork "net": \(root\): unknown key "bogus"/,
    );
    assert.throws(
      () =>
        parseComponentArgs(
          schema,
          { environment: "dev", application: "orders", tags: { ...tags, Owner: undefined } },
          "MigrationNetwork",
          "net",
        ),
      /tags\.Owner/,
    );
  });

  it("refuses tags whose Environment differs from the environment", () => {
    assert.throws(
      () => parseComponentArgs(schema, { environment: "prod", application: "orders", tags }, "MigrationDatabase", "db"),
      /MigrationDatabase "db": tags\.Environment: must equal the environment "prod" \(got "dev"\)/,
    );
  });
});

describe("stack default tags", () => {
  const tags = {
    Application: "dmslab",
    Environment: "dev",
    Owner: "team",
    CostCenter: "cc",
    DataClassification: "confidential",
  };

  it("reads the five tags from aws:defaultTags, as YAML object or runtime JSON string", () => {
    assert.equal(readDefaultTags({ "aws:defaultTags": { tags } }, "Pulumi.dev.yaml", "dev").Owner, "team");
    assert.equal(
      readDefaultTags({ "aws:defaultTags": JSON.stringify({ tags }) }, "Pulumi.dev.yaml", "dev").CostCenter,
      "cc",
    );
  });

  it("names the missing tag and a wrong Environment", () => {
    const { Owner: _o, ...withoutOwner } = tags;
    assert.throws(
      () => readDefaultTags({ "aws:defaultTags": { tags: withoutOwner } }, "Pulumi.dev.yaml", "dev"),
      /Pulumi\.dev\.yaml: aws:defaultTags\.tags\.Owner: /,
    );
    assert.throws(
      () => readDefaultTags({ "aws:defaultTags": { tags } }, "Pulumi.prod.yaml", "prod"),
      /Pulumi\.prod\.yaml: aws:defaultTags\.tags\.Environment: must equal the environment "prod" \(got "dev"\)/,
    );
    assert.throws(() => readDefaultTags({}, "Pulumi.dev.yaml", "dev"), /aws:defaultTags: is required/);
  });
});
