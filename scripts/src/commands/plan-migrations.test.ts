import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../cli.js";
import type { PlanDocument } from "../plan/render/render-json.js";
import { copyStackFiles } from "../testing/stack-copies.js";

const SCRIPTS_DIR = join(__dirname, "..", "..");
const REPO = join(SCRIPTS_DIR, "..");

/** A copy of the repo's stack files (configs only), as `--stacks-dir`. */
/** The real CLI with the repo's registry (and its worker registry, for --jobs). */
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

const docs = (stdout: string) => {
  const parsed = JSON.parse(stdout) as PlanDocument | PlanDocument[];
  return Array.isArray(parsed) ? parsed : [parsed];
};
const label = (d: PlanDocument) => `${d.stack}${d.migration ? `:${d.migration}` : ""}.${d.environment}`;

describe("plan --migration: many migrations in one replication project", () => {
  let dir: string;
  before(async () => {
    dir = copyStackFiles("dms-plan-migrations-");
    for (const [name, engine] of [
      ["orders", "mysql"],
      ["billing", "postgres"],
    ] as const) {
      const made = await run(["new-migration", "--stacks-dir", dir, "--name", name, "--source-engine", engine]);
      assert.equal(made.code, 0, made.stderr);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("plans every migration of an environment, foundation first, primary then named ones by name", async () => {
    const together = await run(["plan", "--stacks-dir", dir, "--env", "dev", "--format", "json", "--jobs", "1"]);
    assert.equal(together.code, 0, together.stderr);
    const all = docs(together.stdout);
    assert.deepEqual(all.map(label), [
      "foundation.dev",
      "replication:dmslab.dev",
      // The repository's analytics migration (MySQL -> Redshift).
      "replication:analytics.dev",
      "replication:billing.dev",
      // The repository's own second dev migration (DMS Serverless).
      "replication:catalog.dev",
      // The repository's claims migration (Oracle -> Aurora PostgreSQL).
      "replication:claims.dev",
      "replication:orders.dev",
    ]);
    const orders = all[6];
    assert.ok(orders);
    // The program ran as the stack orders-dev, with its own names and the dev foundation's outputs.
    assert.ok(orders.resources.some((r) => r.urn.startsWith("urn:pulumi:orders-dev::dms-platform-replication::")));
    const task = orders.resources.find((r) => r.type === "aws:dms/replicationTask:ReplicationTask");
    assert.equal(task?.inputs.replicationTaskId, "dev-orders-orders-full-load-and-cdc-dms");
    assert.match(together.stderr, /\[7\/7\] replication\/orders \(dev\): \d+ resources, 0 mandatory/);
  });

  it("plans one migration alone exactly as it plans it with the others", async () => {
    const together = docs(
      (await run(["plan", "--stacks-dir", dir, "--env", "dev", "--stack", "replication", "--format", "json"])).stdout,
    );
    for (const name of ["orders", "billing", "dmslab"]) {
      const alone = await run([
        "plan",
        "--stacks-dir",
        dir,
        "--env",
        "dev",
        "--stack",
        "replication",
        "--migration",
        name,
        "--format",
        "json",
      ]);
      assert.equal(alone.code, 0, alone.stderr);
      const [doc, ...rest] = docs(alone.stdout);
      assert.deepEqual(rest, [], `${name}: one document`);
      assert.equal(doc?.migration, name);
      assert.deepEqual(
        doc,
        together.find((d) => d.migration === name),
        `${name}: same plan alone and together`,
      );
    }
  });

  it("gives the same report in worker threads (--jobs 2) as in this process (--jobs 1)", async () => {
    const args = ["plan", "--stacks-dir", dir, "--env", "all", "--format", "markdown"];
    const inProcess = await run([...args, "--jobs", "1"]);
    const workers = await run([...args, "--jobs", "2"]);
    assert.equal(inProcess.code, 0, inProcess.stderr);
    assert.equal(workers.code, 0, workers.stderr);
    assert.equal(workers.stdout, inProcess.stdout);
    assert.equal(workers.stderr.match(/^\[\d+\/19\] /gm)?.length, 19, "one progress line per stack");
    // The Markdown plan names each migration and shows its tasks by wave.
    assert.match(inProcess.stdout, /\| replication \| orders \| prod \| \d+ \| 0 \|/);
    assert.match(inProcess.stdout, /#### replication\/billing \(test\)\n\n\| Task \| Migration type \| Wave \|/);
    assert.match(
      inProcess.stdout,
      /\| <code>test-billing-billing-full-load-and-cdc-dms<\/code> \| full-load-and-cdc \| 1 \|/,
    );
  });

  it("writes replication-<name>.<env>.<ext> for a named migration with --out, and the primary's file unchanged", async () => {
    const out = mkdtempSync(join(tmpdir(), "dms-plan-migrations-out-"));
    try {
      const planned = await run(["plan", "--stacks-dir", dir, "--env", "test", "--format", "json", "--out", out]);
      assert.equal(planned.code, 0, planned.stderr);
      assert.deepEqual(readdirSync(out).sort(), [
        "foundation.test.json",
        "replication-analytics.test.json",
        "replication-billing.test.json",
        "replication-claims.test.json",
        "replication-orders.test.json",
        "replication.test.json",
      ]);
      const orders = JSON.parse(readFileSync(join(out, "replication-orders.test.json"), "utf8")) as PlanDocument;
      assert.equal(orders.stack, "replication");
      assert.equal(orders.migration, "orders");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses a migration that has no file in an environment (exit 2, naming the file expected)", async () => {
    const missing = await run(["plan", "--stacks-dir", dir, "--env", "dev", "--migration", "payments"]);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^error: .*replication\/Pulumi\.payments-dev\.yaml: not found: no migration "payments" in dev/,
    );
    assert.equal(existsSync(join(dir, "replication", "Pulumi.payments-dev.yaml")), false);
  });

  it("names a named migration's file in a config error", async () => {
    const bad = mkdtempSync(join(tmpdir(), "dms-plan-migrations-bad-"));
    try {
      cpSync(dir, bad, { recursive: true });
      const file = join(bad, "replication", "Pulumi.orders-prod.yaml");
      const text = readFileSync(file, "utf8");
      writeFileSync(
        file,
        text.replace("dms-platform-replication:application: orders", "dms-platform-replication:application: billing"),
      );
      const planned = await run(["plan", "--stacks-dir", bad, "--env", "prod", "--migration", "orders"]);
      assert.equal(planned.code, 2);
      assert.match(
        planned.stderr,
        /^error: .*replication\/Pulumi\.orders-prod\.yaml: dms-platform-replication:application: must be "orders"/m,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
