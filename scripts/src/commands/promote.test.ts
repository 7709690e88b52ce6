import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { parse } from "yaml";
import { main } from "../cli.js";
import { defaultRegistry } from "../registry.js";
import type { PlanRegistry } from "../stacks.js";

const SCRIPTS_DIR = join(__dirname, "..", "..");
const REPO = join(SCRIPTS_DIR, "..");
const FILES = ["foundation", "replication"].flatMap((s) =>
  ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"].map((f) => `${s}/${f}`),
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  registryLoads: number;
}

async function promote(args: string[], stacksDir: string, registry?: () => Promise<PlanRegistry>): Promise<Run> {
  const out = { stdout: "", stderr: "", registryLoads: 0 };
  const code = await main(["node", "dms-platform", "promote", "--stacks-dir", stacksDir, ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    env: {},
    cwd: SCRIPTS_DIR,
    repoRoot: REPO,
    loadRegistry: async () => {
      out.registryLoads++;
      return (registry ?? defaultRegistry)();
    },
  });
  return { code, ...out };
}

/** A copy of the repo's stack files (configs only) in a temporary directory. */
function copyStacks(): string {
  const dir = mkdtempSync(join(tmpdir(), "dms-promotion-case-"));
  for (const f of FILES) cpSync(join(REPO, "stacks", f), join(dir, f));
  return dir;
}

const snapshot = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
const config = (dir: string, file: string) =>
  (parse(readFileSync(join(dir, file), "utf8")) as { config: Record<string, unknown> }).config;

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

/** dev's migration gets a second task: a full load of dmslab.orders. */
const ORDERS_TASK = `      - name: orders
        migrationType: full-load
        tableMappings:
          rules:
            - rule-type: selection
              rule-id: "2"
              rule-name: "2"
              object-locator:
                schema-name: dmslab
                table-name: orders
              rule-action: include
`;

/** A replication file with the orders task after its first task. */
function withOrdersTask(text: string, migrationType = "full-load"): string {
  assert.equal(text.split("        start: true\n").length, 2, "one task that starts");
  return text.replace(
    "        start: true\n",
    `        start: true\n${ORDERS_TASK.replace("full-load", migrationType)}`,
  );
}

/** A team rule on top of the real pack: mandatory in test and prod, advisory in dev. */
const noFullLoadOnly: ResourceValidationPolicy = {
  name: "promotion-test-no-full-load-only-tasks",
  description: "Tasks beyond dev keep the target in sync (cdc), so a cutover does not lose writes.",
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    if (args.type === "aws:dms/replicationTask:ReplicationTask" && args.props.migrationType === "full-load") {
      report(`migrationType is "full-load"; use full-load-and-cdc`);
    }
  },
};

async function registryWithTeamRule(): Promise<PlanRegistry> {
  const real = await defaultRegistry();
  return {
    ...real,
    policies: [...real.policies, noFullLoadOnly],
    loadPolicyConfig: async (env) => ({
      ...(await real.loadPolicyConfig(env)),
      [noFullLoadOnly.name]: env === "dev" ? "advisory" : "mandatory",
    }),
  };
}

describe("dms-platform promote", () => {
  const temps: string[] = [];
  const temp = () => {
    const dir = copyStacks();
    temps.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it("copies dev's migration and target engine into test, prints the diff and the verdict, and changes nothing the second time", async () => {
    const dir = temp();
    edit(dir, "replication/Pulumi.dev.yaml", (t) => withOrdersTask(t, "full-load-and-cdc"));
    edit(dir, "foundation/Pulumi.dev.yaml", (t) =>
      t.replace('engineVersion: "8.0"\n    databaseName', 'engineVersion: "8.4"\n    databaseName'),
    );
    const before = snapshot(dir);
    const first = await promote(["--from", "dev", "--to", "test"], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /~ dms-platform-replication:migration \(changed\)/);
    assert.match(first.stdout, /^- {4}engineVersion: "8\.0"\n\+ {4}engineVersion: "8\.4"$/m);
    assert.match(first.stdout, /^\+ {6}- name: orders$/m);
    assert.match(first.stdout, /^verdict: pass: test on the promoted files passes its mandatory policies; wrote /m);
    assert.match(first.stderr, /wrote .*replication\/Pulumi\.test\.yaml/);

    const after = snapshot(dir);
    const testConfig = config(dir, "replication/Pulumi.test.yaml");
    assert.deepEqual(
      testConfig["dms-platform-replication:migration"],
      config(dir, "replication/Pulumi.dev.yaml")["dms-platform-replication:migration"],
    );
    const oldTest = parse(before["replication/Pulumi.test.yaml"] ?? "") as { config: Record<string, unknown> };
    for (const key of [
      "aws:allowedAccountIds",
      "aws:defaultTags",
      "dms-platform-replication:environment",
      "dms-platform-replication:capacity",
      "dms-platform-replication:sourceConnection",
      "dms-platform-replication:alarmEmails",
    ]) {
      assert.deepEqual(testConfig[key], oldTest.config[key], `${key} is test's own`);
    }
    for (const f of FILES.filter((f) => !f.endsWith("Pulumi.test.yaml")))
      assert.equal(after[f], before[f], `${f} untouched`);
    for (const line of (before["foundation/Pulumi.test.yaml"] ?? "").split("\n").filter((l) => l.includes("#"))) {
      assert.ok(after["foundation/Pulumi.test.yaml"]?.includes(line), `comment kept: ${line}`);
    }

    const second = await promote(["--from", "dev", "--to", "test"], dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /verdict: pass: test already has dev's definition; nothing to write/);
    assert.doesNotMatch(second.stdout, /^@@/m, "no diff");
    assert.deepEqual(snapshot(dir), after, "byte-identical");
    assert.deepEqual(readdirSync(join(dir, "replication")).sort(), [
      "Pulumi.dev.yaml",
      "Pulumi.prod.yaml",
      "Pulumi.test.yaml",
      "Pulumi.yaml",
    ]);
  });

  it("--dry-run prints the diff and the verdict and writes nothing", async () => {
    const dir = temp();
    edit(dir, "replication/Pulumi.test.yaml", (t) => t.replace("table-name: customers", "table-name: clients"));
    const before = snapshot(dir);
    const run = await promote(["--from", "test", "--to", "prod", "--dry-run"], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^promote test -> prod \(dry run\)$/m);
    assert.match(run.stdout, /^- {16}table-name: customers\n\+ {16}table-name: clients$/m);
    assert.match(run.stdout, /dry run, nothing written \(1 file would change\)/);
    assert.deepEqual(snapshot(dir), before);
  });

  for (const [from, to] of [
    ["dev", "prod"],
    ["prod", "test"],
    ["test", "dev"],
    ["test", "test"],
  ] as const) {
    it(`refuses ${from} -> ${to} with exit code 2 before loading anything`, async () => {
      const dir = temp();
      const before = snapshot(dir);
      const run = await promote(["--from", from, "--to", to], dir);
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        new RegExp(
          `^error: cannot promote ${from} -> ${to}: promotions go one step along dev -> test -> prod \\(dev -> test, test -> prod\\)`,
          "m",
        ),
      );
      assert.equal(run.stdout, "");
      assert.equal(run.registryLoads, 0);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it("rejects an unknown environment and a missing --to as usage errors (exit 2)", async () => {
    const dir = temp();
    const unknown = await promote(["--from", "dev", "--to", "staging"], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /argument 'staging' is invalid\. Allowed choices are dev, test, prod/);
    const missing = await promote(["--from", "dev"], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--to <env>' not specified/);
  });

  it("writes nothing and exits 1 when the promoted target violates a mandatory policy of its environment", async () => {
    const dir = temp();
    edit(dir, "replication/Pulumi.dev.yaml", (t) => withOrdersTask(t));
    edit(dir, "foundation/Pulumi.dev.yaml", (t) =>
      t.replace('engineVersion: "8.0"\n    databaseName', 'engineVersion: "8.4"\n    databaseName'),
    );
    const before = snapshot(dir);
    const run = await promote(["--from", "dev", "--to", "test"], dir, registryWithTeamRule);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /^ {2}mandatory \(1\)\n {4}replication: promotion-test-no-full-load-only-tasks {2}\(aws:dms\/replicationTask:ReplicationTask .*orders.*\)\n {8}migrationType is "full-load"; use full-load-and-cdc$/m,
    );
    assert.match(
      run.stdout,
      /^verdict: FAIL: test on the promoted files violates 1 mandatory policy; nothing written$/m,
    );
    assert.match(run.stdout, /^\+ {6}- name: orders$/m, "the diff is still shown");
    assert.deepEqual(snapshot(dir), before, "every file byte-identical");
    assert.doesNotMatch(run.stderr, /wrote/);
  });

  it("writes nothing and exits 2 when the promoted target is not a valid config, naming the file and key", async () => {
    const dir = temp();
    edit(dir, "replication/Pulumi.dev.yaml", (t) =>
      t.replace("migrationType: full-load-and-cdc", "migrationType: full"),
    );
    const before = snapshot(dir);
    const run = await promote(["--from", "dev", "--to", "test"], dir);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `^error: ${dir}/replication/Pulumi\\.test\\.yaml: dms-platform-replication:migration\\.tasks\\[0\\]\\.migrationType: .*"full"`,
        "m",
      ),
    );
    assert.doesNotMatch(run.stderr, /dms-promote-/, "the temporary copy is not named");
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    assert.deepEqual(snapshot(dir), before);
  });

  it("--format json gives the changes, the diff, the violations and what was written", async () => {
    const dir = temp();
    edit(dir, "replication/Pulumi.dev.yaml", (t) => t.replace("start: true", "start: false"));
    const run = await promote(["--from", "dev", "--to", "test", "--format", "json"], dir);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as {
      from: string;
      to: string;
      files: Array<{ stack: string; changed: boolean; changes: unknown[]; diff: string }>;
      violations: Array<{ enforcementLevel: string }>;
      passed: boolean;
      written: string[];
    };
    assert.equal(doc.passed, true);
    assert.deepEqual(
      doc.files.map((f) => [f.stack, f.changed]),
      [
        ["foundation", false],
        ["replication", true],
      ],
    );
    assert.match(doc.files[1]?.diff ?? "", /^- {8}start: true\n\+ {8}start: false$/m);
    assert.ok(doc.violations.every((v) => v.enforcementLevel === "advisory"));
    assert.deepEqual(doc.written, [join(dir, "replication", "Pulumi.test.yaml")]);
  });
});

describe("dms-platform promote --migration", () => {
  let dir: string;
  /** Every config file of the copy and its text. */
  const allFiles = () =>
    Object.fromEntries(
      ["foundation", "replication"].flatMap((s) =>
        readdirSync(join(dir, s)).map((f) => [`${s}/${f}`, readFileSync(join(dir, s, f), "utf8")]),
      ),
    );
  beforeEach(async () => {
    dir = copyStacks();
    for (const name of ["orders", "billing"]) {
      const made = await main(
        ["node", "dms-platform", "new-migration", "--stacks-dir", dir, "--name", name, "--source-engine", "mysql"],
        { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: SCRIPTS_DIR, repoRoot: REPO },
      );
      assert.equal(made, 0);
    }
    for (const name of ["orders", "billing"]) {
      edit(dir, `replication/Pulumi.${name}-dev.yaml`, (t) => t.replace('table-name: "%"', 'table-name: "order%"'));
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("promotes one migration's file only, planned with the target's policies; the foundation and the others untouched", async () => {
    edit(dir, "foundation/Pulumi.dev.yaml", (t) =>
      t.replace('engineVersion: "8.0"\n    databaseName', 'engineVersion: "8.4"\n    databaseName'),
    );
    const before = allFiles();
    const run = await promote(["--from", "dev", "--to", "test", "--migration", "orders"], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^promote dev -> test \(migration orders\)$/m);
    const after = allFiles();
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    assert.deepEqual(changed, ["replication/Pulumi.orders-test.yaml"]);
    assert.match(after["replication/Pulumi.orders-test.yaml"] ?? "", /table-name: "order%"/);
    assert.match(
      after["replication/Pulumi.orders-test.yaml"] ?? "",
      /orders-test\.db\.example\.internal/,
      "env settings kept",
    );
  });

  it("promotes every migration and the foundation with --migration all (the default)", async () => {
    const before = allFiles();
    const run = await promote(["--from", "dev", "--to", "test", "--format", "json"], dir);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { migration: string; files: Array<{ file: string; migration?: string }> };
    assert.equal(doc.migration, "all");
    assert.deepEqual(
      doc.files.map((f) => f.migration ?? "-"),
      ["-", "dmslab", "billing", "orders"],
    );
    const after = allFiles();
    assert.deepEqual(
      Object.keys(after).filter((f) => after[f] !== before[f]),
      ["replication/Pulumi.billing-test.yaml", "replication/Pulumi.orders-test.yaml"],
    );
  });

  it("refuses a migration asked for by name that has no file in the target environment (exit 2, nothing written)", async () => {
    rmSync(join(dir, "replication", "Pulumi.orders-test.yaml"));
    const before = allFiles();
    const run = await promote(["--from", "dev", "--to", "test", "--migration", "orders"], dir);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^error: .*replication\/Pulumi\.orders-test\.yaml: not found: migration "orders" has no test stack/m,
    );
    assert.deepEqual(allFiles(), before);
    const unknown = await promote(["--from", "dev", "--to", "test", "--migration", "payments"], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Pulumi\.payments-dev\.yaml: not found: no migration "payments" in dev/);
  });

  it("with all, promotes every other migration and says which one it skipped and why (a dev-only migration)", async () => {
    rmSync(join(dir, "replication", "Pulumi.orders-test.yaml"));
    const text = await promote(["--from", "dev", "--to", "test"], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^skipped migration orders \(.*replication\/Pulumi\.orders-dev\.yaml\): .*replication\/Pulumi\.orders-test\.yaml does not exist: the migration has no test stack/m,
    );
    const after = allFiles();
    assert.equal(after["replication/Pulumi.orders-test.yaml"], undefined, "no target file invented");
    assert.match(after["replication/Pulumi.billing-test.yaml"] ?? "", /table-name: "order%"/, "billing promoted");
    const json = await promote(["--from", "dev", "--to", "test", "--format", "json", "--dry-run"], dir);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { skipped: Array<{ migration: string; reason: string }> };
    assert.deepEqual(
      doc.skipped.map((s) => s.migration),
      ["orders"],
    );
  });
});
