import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import {
  AWS_PROVIDER_CONFIG_KEYS,
  applyProjectConfig,
  ConfigError,
  closestName,
  parseProjectConfig,
  parsePulumiConfigText,
  parseStackConfig,
  parseYaml,
  readAllowedAccountIds,
  readDefaultTags,
  SECURE_PLACEHOLDER,
  secretable,
} from "./index.js";

const FILE = "Pulumi.prod.yaml";
const schema = z
  .object({
    environment: z.string(),
    migration: z.object({ name: z.string() }).optional(),
    secretArn: secretable(z.string().regex(/^arn:/, "must be an ARN")).optional(),
  })
  .strict();
const parse = (values: Record<string, unknown>, secretKeys?: string[]) =>
  parseStackConfig(schema, values, { file: FILE, namespace: "app", ...(secretKeys ? { secretKeys } : {}) });
const ruleOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return `${err.path}: ${err.rule}`;
  }
  return "accepted";
};
const TAGS = {
  tags: { Application: "a", Environment: "prod", Owner: "o", CostCenter: "c", DataClassification: "internal" },
};

describe("config keys nobody reads", () => {
  it("refuses a misspelt namespace, naming the key it meant", () => {
    assert.equal(
      ruleOf(() => parse({ "app:environment": "prod", "App:alarmEmails": ["a@b.c"] })),
      'App:alarmEmails: unknown config namespace "App": nothing reads this key, so its value would be ignored; did you mean "app:alarmEmails"?',
    );
    assert.match(
      ruleOf(() => parse({ "app:environment": "prod", "random:x": 1 })),
      /the stack reads only app:\*, aws:\*/,
    );
  });

  it("refuses a misspelt key of the stack, of the aws provider and of the CLI, with did you mean", () => {
    assert.equal(
      ruleOf(() => parse({ "app:environment": "prod", "app:migraton": {} })),
      'app:migraton: unknown config key: the stack would ignore it; did you mean "app:migration"?',
    );
    assert.equal(
      ruleOf(() => parse({ "app:environment": "prod", "aws:regoin": "eu-west-1" })),
      'aws:regoin: unknown aws config key "regoin": the aws provider would ignore it; did you mean "aws:region"?',
    );
    assert.match(
      ruleOf(() => parse({ "app:environment": "prod", "pulumi:tag": {} })),
      /the Pulumi CLI would ignore it; did you mean "pulumi:tags"\?/,
    );
  });

  it("accepts every key the stack, the aws provider and the CLI read (secure twin)", () => {
    assert.equal(
      ruleOf(() =>
        parse({
          "app:environment": "prod",
          "aws:region": "eu-west-1",
          "aws:defaultTags": TAGS,
          "aws:allowedAccountIds": ["012345678901"],
          "pulumi:tags": { team: "data" },
          "pulumi:disable-default-providers": ["random"],
        }),
      ),
      "accepted",
    );
  });

  it("suggests only near misses", () => {
    assert.equal(closestName("Region", ["region", "profile"]), "region");
    assert.equal(closestName("retention", ["region", "profile"]), undefined);
  });

  it("lists exactly the config keys of the installed @pulumi/aws", () => {
    const vars = join(dirname(require.resolve("@pulumi/aws/package.json")), "config", "vars.d.ts");
    const exported = [...readFileSync(vars, "utf8").matchAll(/export declare const (\w+)/g)].map((m) => m[1]);
    assert.deepEqual([...AWS_PROVIDER_CONFIG_KEYS].sort(), exported.sort());
  });
});

describe("aws provider settings", () => {
  const values = (extra: Record<string, unknown>) => ({ "aws:defaultTags": TAGS, ...extra });
  for (const [key, value] of [
    ["aws:insecure", true],
    ["aws:skipCredentialsValidation", "true"],
    ["aws:endpoints", [{ dms: "http://localhost:4566" }]],
  ] as const) {
    it(`refuses ${key} in test and prod, allows it in dev`, () => {
      assert.match(
        ruleOf(() => readDefaultTags(values({ [key]: value }), FILE, "prod")),
        new RegExp(`^${key}: must not be set in prod`),
      );
      const dev = { ...TAGS, tags: { ...TAGS.tags, Environment: "dev" } };
      assert.equal(
        ruleOf(() => readDefaultTags({ "aws:defaultTags": dev, [key]: value }, FILE, "dev")),
        "accepted",
      );
    });
  }
  it("accepts aws:insecure false in prod", () => {
    assert.equal(
      ruleOf(() => readDefaultTags(values({ "aws:insecure": false }), FILE, "prod")),
      "accepted",
    );
  });

  it("refuses account ids YAML read as numbers, and accepts quoted ones", () => {
    assert.equal(
      ruleOf(() => readAllowedAccountIds({ "aws:allowedAccountIds": "[12345678901]" }, FILE)),
      'aws:allowedAccountIds[0]: must be a 12-digit account id as a quoted string; quote it ("012345678901"?): YAML reads an unquoted number and drops leading zeros (got 12345678901)',
    );
    assert.deepEqual(readAllowedAccountIds({ "aws:allowedAccountIds": '["012345678901"]' }, FILE), ["012345678901"]);
  });
});

describe("encrypted values", () => {
  it("accepts an encrypted value where the field may be secret, and refuses the placeholder as plain text", () => {
    assert.equal(
      ruleOf(() => parse({ "app:environment": "prod", "app:secretArn": SECURE_PLACEHOLDER }, ["app:secretArn"])),
      "accepted",
    );
    assert.match(
      ruleOf(() => parse({ "app:environment": "prod", "app:secretArn": SECURE_PLACEHOLDER }, [])),
      /^app:secretArn: is the text "\[secret\]", which only stands for an encrypted value/,
    );
    assert.equal(
      ruleOf(() => parse({ "app:environment": "prod", "app:secretArn": "nope" }, [])),
      'app:secretArn: must be an ARN (got "nope")',
    );
  });
});

describe("YAML merge keys, as the CLI reads them", () => {
  it("merges, the mapping's own keys winning", () => {
    const file = parsePulumiConfigText(
      "common: &common\n  engine: mysql\n  databaseName: a\nconfig:\n  app:target:\n    <<: *common\n    databaseName: b\n",
      FILE,
    );
    assert.deepEqual(file.values["app:target"], { engine: "mysql", databaseName: "b" });
  });
  it("names the line of a merge of something other than a mapping", () => {
    assert.equal(
      ruleOf(() => parseYaml("config:\n  app:x:\n    a: 1\n    <<: 5\n", FILE)),
      "line 4: a merge key (<<) must merge a mapping, an alias of one (*name) or a list of them, as the Pulumi CLI requires",
    );
  });
});

describe("Pulumi.yaml project-level config", () => {
  const project = (text: string) => parseProjectConfig(`name: app\nruntime: nodejs\n${text}`, "Pulumi.yaml");
  const stack = (text: string) => parsePulumiConfigText(`config:\n${text}`, FILE);

  it("applies project values and defaults under the stack's own", () => {
    const p = project(
      "config:\n  aws:region: eu-west-1\n  retention:\n    type: integer\n    default: 7\n  owner: data\n",
    );
    const merged = applyProjectConfig(stack("  app:owner: platform\n"), p, "prod");
    assert.deepEqual(merged.values, { "app:owner": "platform", "aws:region": "eu-west-1", "app:retention": 7 });
  });

  it("refuses what the CLI refuses: a missing declared key, a wrong type, a plaintext secret", () => {
    assert.match(
      ruleOf(() =>
        applyProjectConfig(stack("  app:other: 1\n"), project("config:\n  name:\n    type: string\n"), "prod"),
      ),
      /^app:name: is required: Pulumi.yaml declares it without a value or default/,
    );
    assert.match(
      ruleOf(() => applyProjectConfig(stack("  app:n: many\n"), project("config:\n  n:\n    type: integer\n"), "prod")),
      /^app:n: must be of type integer/,
    );
    assert.match(
      ruleOf(() =>
        applyProjectConfig(
          stack("  app:pw: x\n"),
          project("config:\n  pw:\n    type: string\n    secret: true\n"),
          "prod",
        ),
      ),
      /^app:pw: must be encrypted/,
    );
    assert.equal(
      ruleOf(() =>
        applyProjectConfig(
          stack("  app:pw:\n    secure: v1:abc\n"),
          project("config:\n  pw:\n    type: string\n    secret: true\n"),
          "prod",
        ),
      ),
      "accepted",
    );
  });

  it("refuses in one line what plan does not model: stackConfigDir and ESC environments", () => {
    assert.match(
      ruleOf(() => project("stackConfigDir: config/\n")),
      /^stackConfigDir: plan does not model stackConfigDir/,
    );
    assert.match(
      ruleOf(() => parsePulumiConfigText("environment:\n  - shared\nconfig:\n  app:x: 1\n", FILE)),
      /^environment: plan does not model Pulumi ESC environments/,
    );
  });
});
