import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENVIRONMENTS, readPulumiConfigFile } from "@dms-platform/config";
import { loadReplicationConfig } from "@dms-platform/stack-replication";
import { main } from "../cli.js";
import { placeholdersIn } from "../migrations/template.js";
import { runPlan } from "../plan/run-plan.js";
import { defaultRegistry } from "../registry.js";

const SCRIPTS_DIR = join(__dirname, "..", "..");
const REPO = join(SCRIPTS_DIR, "..");
const FILES = ["foundation", "replication"].flatMap((s) =>
  ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"].map((f) => `${s}/${f}`),
);

/** A copy of the repo's stack files (configs only) in a temporary directory. */
function copyStacks(): string {
  const dir = mkdtempSync(join(tmpdir(), "dms-new-migration-"));
  for (const f of FILES) cpSync(join(REPO, "stacks", f), join(dir, f));
  return dir;
}

/** Every file of a stacks copy and its text. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    ["foundation", "replication"].flatMap((s) =>
      readdirSync(join(dir, s)).map((f) => [`${s}/${f}`, readFileSync(join(dir, s, f), "utf8")]),
    ),
  );
}

async function newMigration(args: string[], stacksDir: string) {
  const out = { stdout: "", stderr: "" };
  const code = await main(["node", "dms-platform", "new-migration", "--stacks-dir", stacksDir, ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    env: {},
    cwd: SCRIPTS_DIR,
    repoRoot: REPO,
    loadRegistry: () => assert.fail("new-migration plans nothing"),
  });
  return { code, ...out };
}

/** Plan a new migration's three stacks (`orders-dev`, ...) with the default registry and the real policy pack. */
async function planMigration(stacksDir: string, name: string) {
  return runPlan({
    ...(await defaultRegistry()),
    envs: [...ENVIRONMENTS],
    stackNames: ["replication"],
    migration: name,
    stacksDir,
    root: REPO,
  });
}

describe("dms-platform new-migration", () => {
  let dir: string;
  beforeEach(() => {
    dir = copyStacks();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes Pulumi.<name>-{dev,test,prod}.yaml beside the replication stack's Pulumi.yaml, and nothing else", async () => {
    const before = snapshot(dir);
    const run = await newMigration(["--name", "orders", "--source-engine", "mysql"], dir);
    assert.equal(run.code, 0, run.stderr);
    const after = snapshot(dir);
    const added = Object.keys(after).filter((f) => !(f in before));
    assert.deepEqual(added.sort(), [
      "replication/Pulumi.orders-dev.yaml",
      "replication/Pulumi.orders-prod.yaml",
      "replication/Pulumi.orders-test.yaml",
    ]);
    for (const f of Object.keys(before)) assert.equal(after[f], before[f], `${f} untouched`);
    assert.match(run.stdout, /wrote .*Pulumi\.orders-dev\.yaml \(stack orders-dev\)/);
  });

  it("writes placeholders that hold every file back from deploy.yml until they are replaced", async () => {
    const run = await newMigration(["--name", "orders", "--source-engine", "mysql"], dir);
    assert.equal(run.code, 0, run.stderr);
    for (const env of ENVIRONMENTS) {
      const text = readFileSync(join(dir, "replication", `Pulumi.orders-${env}.yaml`), "utf8");
      const found = placeholdersIn(text).map((p) => p.value);
      assert.ok(found.includes(`orders-${env}.db.example.internal`), `${env}: ${found.join(", ")}`);
    }
  });

  it("writes config that validates as the stacks orders-<env>, with the definition identical everywhere", async () => {
    await newMigration(["--name", "orders", "--source-engine", "mysql"], dir);
    const definitions = ENVIRONMENTS.map((env) => {
      const file = readPulumiConfigFile(join(dir, "replication", `Pulumi.orders-${env}.yaml`));
      const config = loadReplicationConfig(file.values, `Pulumi.orders-${env}.yaml`, `orders-${env}`);
      assert.equal(config.application, "orders");
      assert.equal(config.accountRoles, undefined, "replication stacks adopt the account roles: no key");
      assert.equal(config.tags.Application, "orders");
      assert.equal(config.foundationStack, undefined, "the current organisation's foundation of the environment");
      const external =
        config.sourceConnection && "external" in config.sourceConnection ? config.sourceConnection.external : undefined;
      assert.ok(external, env);
      // dev's foundation has no on-premises network: a placeholder host outside its VPC (10.20.0.0/16).
      assert.deepEqual(
        external.cidrBlocks,
        { dev: ["10.255.255.10/32"], test: ["172.16.16.0/20"], prod: ["172.16.0.0/20"] }[env],
      );
      assert.equal(external.certificateArn !== undefined, env === "prod", "prod verifies the source");
      assert.equal(config.targetCertificateArn !== undefined, env === "prod", "prod verifies the target");
      assert.match(
        external.secretArn,
        new RegExp(`:${env === "prod" ? "444455556666" : "111122223333"}:secret:orders/${env}/`),
      );
      return file.values["dms-platform-replication:migration"];
    });
    assert.deepEqual(definitions[1], definitions[0]);
    assert.deepEqual(definitions[2], definitions[0]);
    const text = readFileSync(join(dir, "replication", "Pulumi.orders-dev.yaml"), "utf8");
    assert.match(text, /# .*REPLACE/, "says what to replace");
  });

  for (const variant of [
    { args: ["--name", "orders", "--source-engine", "mysql"], task: "orders-full-load-and-cdc", schema: "orders" },
    {
      args: ["--name", "billing-eu", "--source-engine", "postgres", "--schema", "Sales_DB"],
      task: "sales-db-full-load-and-cdc",
      schema: "Sales_DB",
    },
  ]) {
    it(`writes files that plan clean in dev, test and prod (${variant.args.join(" ")})`, async () => {
      const name = variant.args[1] as string;
      assert.equal((await newMigration(variant.args, dir)).code, 0);
      const report = await planMigration(dir, name);
      assert.deepEqual(
        report.plans.map((p) => `${p.stackName} ${p.migration}`),
        [`${name}-dev ${name}`, `${name}-test ${name}`, `${name}-prod ${name}`],
      );
      for (const p of report.plans) {
        const mandatory = p.violations.filter((v) => v.enforcementLevel === "mandatory");
        assert.deepEqual(mandatory, [], `${p.environment}: no mandatory violation`);
        const task = p.graph.resources.find((r) => r.type === "aws:dms/replicationTask:ReplicationTask");
        assert.ok(task, p.environment);
        assert.equal(task.inputs.replicationTaskId, `${p.environment}-${name}-${variant.task}-dms`);
        assert.equal(
          JSON.parse(String(task.inputs.tableMappings)).rules[0]["object-locator"]["schema-name"],
          variant.schema,
        );
        assert.equal((task.inputs.tags as Record<string, string>).MigrationWave, "1");
        const roles = p.graph.resources.filter((r) => r.inputs.name === "dms-vpc-role" && r.custom);
        assert.deepEqual(roles, [], "adopts the account roles, creates none");
      }
    });
  }

  it("refuses to replace an existing file without --force (exit 2, nothing written), and replaces it with --force", async () => {
    await newMigration(["--name", "orders", "--source-engine", "mysql"], dir);
    const path = join(dir, "replication", "Pulumi.orders-test.yaml");
    writeFileSync(path, "# edited by hand\n");
    const before = snapshot(dir);
    const refused = await newMigration(["--name", "orders", "--source-engine", "mariadb"], dir);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /Pulumi\.orders-dev\.yaml, .*Pulumi\.orders-test\.yaml, .*Pulumi\.orders-prod\.yaml: already exist; nothing written \(--force replaces\)/,
    );
    assert.deepEqual(snapshot(dir), before);
    const forced = await newMigration(["--name", "orders", "--source-engine", "mariadb", "--force"], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(path, "utf8"), /engine: mariadb/);
  });

  it("refuses a name that is not a name part, or is an environment (exit 2, nothing written)", async () => {
    const before = snapshot(dir);
    for (const name of ["Orders", "orders_eu", "orders-", "dev", "prod"]) {
      const run = await newMigration(["--name", name, "--source-engine", "mysql"], dir);
      assert.equal(run.code, 2, name);
      assert.match(run.stderr, /^error: --name: /, name);
    }
    const badEngine = await newMigration(["--name", "orders", "--source-engine", "oracle"], dir);
    assert.equal(badEngine.code, 2);
    assert.deepEqual(snapshot(dir), before);
  });
});
