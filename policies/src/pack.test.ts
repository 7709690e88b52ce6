import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS, getProfile } from "@dms-platform/config";
import { resolvePolicyConfig } from "@dms-platform/offline";
import { DMS_CONTROLS } from "./controls.js";
import { POLICY_DOCS_PATH, renderPolicyDocs } from "./docs.js";
import * as rules from "./rules.js";
import { CONCERNS, loadPolicyConfig, POLICY_PACK_NAME, policies, policyInfo } from "./rules.js";

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const LEVEL_RANK = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 } as const;

function levelOf(env: (typeof ENVIRONMENTS)[number], name: string): keyof typeof LEVEL_RANK {
  const entry = loadPolicyConfig(env)[name];
  const level = typeof entry === "string" ? entry : entry?.enforcementLevel;
  assert.ok(level, `config/${env}.json: ${name} has no enforcementLevel`);
  return level;
}

describe("the dms-platform policy pack", () => {
  it("names every policy in kebab-case, once, exported as its camelCase const from src/<concern>/<name>.ts", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, "policy names are unique");
    for (const p of policies) {
      assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
      const info = policyInfo(p.name);
      assert.ok(info, `${p.name} is registered with a concern and a control`);
      assert.ok((CONCERNS as readonly string[]).includes(info.concern));
      assert.ok(existsSync(path.join(__dirname, info.concern, `${p.name}.js`)), `${info.concern}/${p.name}.ts exists`);
      assert.ok(
        existsSync(path.join(__dirname, info.concern, `${p.name}.test.js`)),
        `${info.concern}/${p.name}.test.ts exists`,
      );
      assert.equal((rules as Record<string, unknown>)[camel(p.name)], p, `rules exports ${camel(p.name)}`);
      assert.match(p.description, /Control: .+\.$/, `${p.name}'s description cites its control`);
    }
  });

  for (const env of ENVIRONMENTS) {
    it(`config/${env}.json names every policy and nothing else, and the pack accepts it`, () => {
      const doc = loadPolicyConfig(env);
      assert.deepEqual(Object.keys(doc).sort(), policies.map((p) => p.name).sort());
      // Throws as the CLI refuses: unknown names, bad levels, settings outside a policy's schema.
      resolvePolicyConfig(policies, doc, { file: `config/${env}.json` });
    });

    it(`config/${env}.json settings follow the ${env} environment profile`, () => {
      const doc = loadPolicyConfig(env);
      const profile = getProfile(env);
      const setting = (policy: string, key: string) => {
        const entry = doc[policy];
        return typeof entry === "object" ? entry[key] : undefined;
      };
      assert.equal(setting("environment-tag-matches-stack", "environment"), env);
      assert.equal(setting("dms-identifier-naming", "environment"), env);
      assert.equal(setting("rds-backup-retention", "minimumBackupRetentionDays"), profile.backupRetentionDays);
      assert.equal(setting("log-group-retention", "minimumLogRetentionDays"), profile.logRetentionDays);
    });
  }

  it("is never stricter in dev than in test, nor in test than in prod", () => {
    for (const p of policies) {
      const [dev, test, prod] = ENVIRONMENTS.map((env) => LEVEL_RANK[levelOf(env, p.name)]);
      assert.ok(dev !== undefined && test !== undefined && prod !== undefined);
      assert.ok(dev <= test && test <= prod, `${p.name}: dev ${dev} <= test ${test} <= prod ${prod}`);
    }
  });

  it("makes public access, open ingress, plaintext passwords, missing encryption and missing tags mandatory everywhere", () => {
    const alwaysMandatory = [
      "dms-replication-instance-not-public",
      "rds-not-public",
      "subnet-no-public-ip-on-launch",
      "security-group-no-public-ingress",
      "default-security-group-no-rules",
      "dms-endpoint-no-plaintext-password",
      "dms-replication-encrypted-with-customer-key",
      "dms-s3-endpoint-encrypted-with-customer-key",
      "dms-endpoint-ssl-enabled",
      "rds-encrypted-with-customer-key",
      "rds-performance-insights-encrypted",
      "rds-tls-enforced",
      "secret-encrypted-with-customer-key",
      "log-group-encrypted-with-customer-key",
      "sns-topic-encrypted",
      "required-tags-present",
      "environment-tag-matches-stack",
      "data-classification-tag-valid",
    ];
    for (const name of alwaysMandatory) {
      for (const env of ENVIRONMENTS) assert.equal(levelOf(env, name), "mandatory", `${name} in ${env}`);
    }
    for (const name of [
      "dms-replication-multi-az",
      "rds-multi-az",
      "rds-deletion-protection",
      "rds-backup-retention",
      "log-group-retention",
    ]) {
      assert.equal(levelOf("dev", name), "advisory", `${name} is advisory in dev`);
      assert.equal(levelOf("prod", name), "mandatory", `${name} is mandatory in prod`);
    }
  });

  it("maps every Security Hub DMS control and checkov DMS check to a policy of the pack", () => {
    const names = new Set(policies.map((p) => p.name));
    for (const c of DMS_CONTROLS) {
      assert.ok(c.policy !== undefined || c.why !== undefined, `${c.control}: name a policy or say why none`);
      if (c.policy !== undefined) assert.ok(names.has(c.policy), `${c.control}: no policy ${c.policy}`);
    }
    for (let n = 1; n <= 13; n++) {
      assert.ok(
        DMS_CONTROLS.some((c) => c.control === `Security Hub DMS.${n}`),
        `DMS.${n} is not mapped`,
      );
    }
  });

  it("keeps docs/policies.md in step with the policies and their configs (npm run docs)", () => {
    assert.equal(readFileSync(POLICY_DOCS_PATH, "utf8"), renderPolicyDocs());
    const docs = renderPolicyDocs();
    for (const p of policies) assert.match(docs, new RegExp(`^\\| \`${p.name}\` +\\|`, "m"), `${p.name} has a row`);
  });

  it("loads its rules without @pulumi/aws and without starting the analyzer", () => {
    const script = `const r = require(${JSON.stringify(path.join(__dirname, "rules.js"))});
      const loaded = Object.keys(require.cache).filter((k) => k.includes("@pulumi/aws") || k.includes("@pulumi/policy/server"));
      process.stdout.write(JSON.stringify({ n: r.policies.length, loaded }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as {
      n: number;
      loaded: string[];
    };
    assert.deepEqual(out, { n: policies.length, loaded: [] });
  });

  it("is a pack the CLI loads: PulumiPolicy.yaml with the nodejs runtime, main building the PolicyPack", () => {
    const root = path.join(__dirname, "..");
    const yaml = readFileSync(path.join(root, "PulumiPolicy.yaml"), "utf8");
    assert.match(yaml, /^runtime: nodejs$/m);
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { main: string };
    const entry = readFileSync(path.join(root, pkg.main), "utf8");
    assert.match(entry, /new policy_1\.PolicyPack\(rules_js_1\.POLICY_PACK_NAME/);
    assert.equal(POLICY_PACK_NAME, "dms-platform");
  });
});
