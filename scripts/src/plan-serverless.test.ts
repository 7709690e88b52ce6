// The analytics migration (MySQL -> Redshift) planned against a Redshift Serverless warehouse: a copy
// of the repository's stack files whose foundation says warehouse.kind: serverless.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./cli.js";
import type { PlanDocument } from "./plan/render/render-json.js";
import { copyStackFiles, planBuilt } from "./testing/stack-copies.js";

const SCRIPTS_DIR = join(__dirname, "..");
const REPO = join(SCRIPTS_DIR, "..");

async function run(args: string[]) {
  const out = { stdout: "", stderr: "" };
  const code = await main(["node", "dms-platform", ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    env: {},
    cwd: SCRIPTS_DIR,
    repoRoot: REPO,
  });
  return { code, ...out };
}

/** Make a foundation stack file's warehouse serverless (the cluster's sizes dropped). */
function serverless(stacks: string, env: string): void {
  const file = join(stacks, "foundation", `Pulumi.${env}.yaml`);
  const text = readFileSync(file, "utf8")
    .replace(/\n {4}(nodeType|numberOfNodes|snapshotRetentionDays): .*/g, "")
    .replace("dms-platform-foundation:warehouse:\n", "dms-platform-foundation:warehouse:\n    kind: serverless\n");
  writeFileSync(file, text);
}

describe("plan: the analytics migration against a Redshift Serverless warehouse", () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("plans the foundation's namespace and workgroup and the DMS endpoint on the workgroup endpoint, with no mandatory violation", async () => {
    const stacks = copyStackFiles("serverless-stacks-");
    dirs.push(stacks);
    serverless(stacks, "prod");
    const planned = await run([
      "plan",
      ...["--stacks-dir", stacks, "--env", "prod", "--migration", "analytics", "--format", "json", "--jobs", "1"],
    ]);
    assert.equal(planned.code, 0, `${planned.stderr}\n${planned.stdout.slice(0, 2000)}`);
    const docs = JSON.parse(planned.stdout) as PlanDocument[];
    const foundation = docs.find((d) => d.stack === "foundation");
    const analytics = docs.find((d) => d.migration === "analytics");
    assert.ok(foundation && analytics, docs.map((d) => d.stack).join(", "));
    const types = foundation.resources.map((r) => r.type);
    assert.ok(types.includes("aws:redshiftserverless/namespace:Namespace"));
    assert.ok(types.includes("aws:redshiftserverless/workgroup:Workgroup"));
    assert.ok(!types.includes("aws:redshift/cluster:Cluster"));
    const warehouse = foundation.outputs.warehouse as Record<string, unknown>;
    assert.equal(warehouse.workgroupName, "prod-dmslab-dwh");
    const endpoint = analytics.resources.find(
      (r) => r.type === "aws:dms/endpoint:Endpoint" && r.inputs.engineName === "redshift",
    );
    assert.ok(endpoint, "a DMS Redshift endpoint");
    // The endpoint reads host and port from the warehouse's secret, which holds the workgroup endpoint.
    assert.match(
      String(warehouse.address),
      /^prod-dmslab-dwh\.\d{12}\.eu-west-1\.redshift-serverless\.amazonaws\.com$/,
    );
    assert.equal(warehouse.port, 5439);
    assert.equal(endpoint.inputs.databaseName, "analytics");
    assert.equal(endpoint.inputs.secretsManagerArn, warehouse.secretArn);
    // validate counts rows through the Data API on the workgroup: the admin role allows exactly it.
    assert.match(
      String(warehouse.workgroupArn),
      /^arn:aws:redshift-serverless:eu-west-1:\d{12}:workgroup\/[0-9a-f-]+$/,
    );
    const execute = analytics.resources
      .flatMap((r) => Object.values(r.inputs).filter((v): v is string => typeof v === "string"))
      .flatMap((text) => {
        try {
          const doc = JSON.parse(text) as { Statement?: { Action?: unknown; Resource?: unknown }[] };
          return (doc.Statement ?? []).filter((st) => [st.Action].flat().includes("redshift-data:ExecuteStatement"));
        } catch {
          return [];
        }
      });
    assert.deepEqual(
      execute.map((st) => st.Resource),
      [warehouse.workgroupArn],
    );
    assert.deepEqual(
      [...foundation.violations, ...analytics.violations].filter((v) => v.enforcementLevel === "mandatory"),
      [],
    );
  });

  it("says prod's destroy leaves the namespace and its key (no final snapshot through the provider)", () => {
    const stacks = copyStackFiles("serverless-destroy-");
    const state = mkdtempSync(join(tmpdir(), "serverless-state-"));
    dirs.push(stacks, state);
    serverless(stacks, "prod");
    const args = ["--env", "prod", "--stack", "foundation", "--stacks-dir", stacks];
    const written = planBuilt([...args, "--format", "json", "--write-state", state]);
    assert.equal(written.code, 0, written.stderr);
    const destroy = planBuilt([...args, "--format", "json", "--destroy", "--state", state]);
    const doc = JSON.parse(destroy.stdout) as {
      destroy: { retained: string[]; protected: string[]; collisions: string[] };
    };
    assert.ok(
      doc.destroy.protected.some((p) => p.includes("redshiftserverless/namespace")),
      doc.destroy.protected.join("\n"),
    );
    assert.ok(
      doc.destroy.retained.some((r) => r.includes("redshiftserverless/namespace")),
      doc.destroy.retained.join("\n"),
    );
    assert.ok(
      doc.destroy.retained.some((r) => r.includes("warehouse-key")),
      doc.destroy.retained.join("\n"),
    );
    assert.ok(
      doc.destroy.collisions.some((c) =>
        /redshiftserverless\/namespace "warehouse-namespace" is retained: "prod-dmslab-dwh"/.test(c),
      ),
      doc.destroy.collisions.join("\n"),
    );
  });

  it("refuses a serverless warehouse on test's two AZs, naming the file and network.azCount (exit 2)", async () => {
    const stacks = copyStackFiles("serverless-azs-");
    dirs.push(stacks);
    serverless(stacks, "test");
    const planned = await run(["plan", "--stacks-dir", stacks, "--env", "test", "--stack", "foundation"]);
    assert.equal(planned.code, 2);
    assert.match(
      planned.stderr,
      /Pulumi\.test\.yaml: dms-platform-foundation:network\.azCount: must be at least 3 with warehouse\.kind: serverless/,
    );
    const file = join(stacks, "foundation", "Pulumi.test.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("    vpcCidr: ", "    azCount: 3\n    vpcCidr: "));
    const fixed = await run(["plan", "--stacks-dir", stacks, "--env", "test", "--stack", "foundation"]);
    assert.equal(fixed.code, 0, fixed.stderr);
  });
});
