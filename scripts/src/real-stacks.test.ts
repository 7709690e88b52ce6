// The repository's own stacks and policy pack, planned through the built command as a user runs
// it (`node scripts/dist/bin.js plan`), on a copy of stacks/ where a test edits a config.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDER_SCHEMAS } from "@dms-platform/config";
import { copyStackFiles, planBuilt } from "./testing/stack-copies.js";

const _repoRoot = join(__dirname, "..", "..");

interface PlanDocument {
  stack: string;
  environment: string;
  resources: Array<{
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    options: { protect: boolean };
  }>;
  outputs: Record<string, unknown>;
  violations: Array<{ policy: string; enforcementLevel: string; urn?: string; message: string }>;
  summary: { resources: number; mandatory: number; advisory: number };
}

const ofType = (doc: PlanDocument, type: string) => doc.resources.filter((r) => r.type === type);

describe("the repository's stacks, planned", () => {
  let docs: PlanDocument[];
  let outputs: Record<string, string>;
  before(function () {
    // Four plans of every stack × env (13 with the analytics and claims migrations): on the shared
    // 2-core machine under load each takes 10 s or more, past mocha's default 60 s for the hook.
    this.timeout(240_000);
    outputs = {};
    for (const format of ["json", "text", "markdown", "sarif"]) {
      const run = planBuilt(["--env", "all", "--stack", "all", "--format", format]);
      assert.equal(run.code, 0, run.stderr);
      outputs[format] = run.stdout;
    }
    docs = JSON.parse(outputs.json as string) as PlanDocument[];
  });
  const doc = (stack: string, env: string) => {
    const d = docs.find((x) => x.stack === stack && x.environment === env);
    assert.ok(d, `${stack} ${env}`);
    return d;
  };

  it("plans all six stack × env with no mandatory violation", () => {
    assert.ok(docs.length >= 6);
    for (const d of docs)
      assert.equal(d.summary.mandatory, 0, `${d.stack} ${d.environment}: ${JSON.stringify(d.violations)}`);
  });

  it("has every cloud resource type the plans create in the provider's ForceNew table", () => {
    // Components (dms-platform:*) and the engine's own types (pulumi:*) have no provider schema.
    const types = new Set(
      docs.flatMap((d) => d.resources.map((r) => r.type)).filter((t) => !/^(dms-platform|pulumi):/.test(t)),
    );
    const missing = [...types].filter((t) => !(t in PROVIDER_SCHEMAS)).sort();
    assert.deepEqual(missing, [], "add these types to packages/config/src/provider-schema.ts, read from the provider");
  });

  it("gives prod multi-AZ, deletion protection and protect where the profile says", () => {
    const rds = ofType(doc("foundation", "prod"), "aws:rds/instance:Instance")[0];
    assert.equal(rds?.inputs.multiAz, true);
    assert.equal(rds?.inputs.deletionProtection, true);
    assert.equal(rds?.options.protect, true);
    const ri = ofType(doc("replication", "prod"), "aws:dms/replicationInstance:ReplicationInstance")[0];
    assert.equal(ri?.inputs.multiAz, true);
    assert.equal(ri?.options.protect, true);
  });

  it("has the lab source in dev with binlog_format ROW", () => {
    const groups = ofType(doc("foundation", "dev"), "aws:rds/parameterGroup:ParameterGroup");
    const params = groups.flatMap((g) => (g.inputs.parameters as Array<{ name: string; value: string }>) ?? []);
    assert.ok(params.some((p) => p.name === "binlog_format" && p.value === "ROW"));
    assert.ok(
      ofType(doc("foundation", "dev"), "aws:rds/instance:Instance").some(
        (r) => r.inputs.identifier === "dev-dmslab-src",
      ),
    );
  });

  it("feeds the foundation's outputs to the replication stack of the same environment", () => {
    for (const env of ["dev", "test", "prod"]) {
      const subnetGroup = ofType(doc("replication", env), "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup")[0];
      assert.deepEqual(subnetGroup?.inputs.subnetIds, doc("foundation", env).outputs.privateSubnetIds, env);
    }
  });

  it("prints no secret value in any format", () => {
    // The offline engine's generated passwords start with "Pw" followed by hex digits.
    for (const [format, text] of Object.entries(outputs)) {
      assert.ok(!/Pw[0-9a-f]{12}/.test(text), `a generated password leaked into the ${format} plan`);
    }
    assert.match(outputs.json as string, /\[secret\]/);
  });

  it("exits 1 naming the policy when an edit breaks a mandatory control", () => {
    const dir = copyStackFiles("stacks-");
    try {
      const file = join(dir, "foundation", "Pulumi.prod.yaml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(
          "    instanceClass: db.r6g.large",
          "    instanceClass: db.r6g.large\n    multiAz: false",
        ),
      );
      const run = planBuilt(["--env", "prod", "--stack", "foundation", "--stacks-dir", dir]);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /rds-multi-az/);
      assert.match(run.stdout, /multiAz is false/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with one line naming the file and the key on a malformed value", () => {
    const dir = copyStackFiles("stacks-");
    try {
      const file = join(dir, "replication", "Pulumi.dev.yaml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace("migrationType: full-load-and-cdc", "migrationType: full"),
      );
      const run = planBuilt(["--env", "dev", "--stack", "replication", "--stacks-dir", dir]);
      assert.equal(run.code, 2);
      const lines = run.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("error:"));
      assert.equal(lines.length, 1, run.stderr);
      assert.match(
        lines[0] ?? "",
        /Pulumi\.dev\.yaml: dms-platform-replication:migration\.tasks\[0\]\.migrationType: /,
      );
      assert.ok(!/\n\s+at /.test(run.stderr), "no stack trace");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
