import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENVIRONMENTS } from "@dms-platform/config";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ACCOUNT_ROLES_KEY, AUDIT_KEY, accountRoleClashes } from "../accounts.js";
import { main } from "../cli.js";
import type { PlanDocument } from "../plan/render/render-json.js";
import type { SarifLog } from "../plan/render/render-sarif.js";
import { PLANTED_SECRET } from "../testing/fixture-programs.js";
import { FIXTURE_STACKS_DIR, fixtureRegistry, type LoadCounts } from "../testing/fixtures.js";
import { ENV_CHOICES } from "./plan.js";

const ESC = "\u001b";
const SCRIPTS_DIR = join(__dirname, "..", "..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  counts: LoadCounts;
}

async function plan(
  args: string[],
  options: { stacksDir?: string; isTTY?: boolean; env?: Record<string, string>; repoRoot?: string } = {},
): Promise<Run> {
  const out = { stdout: "", stderr: "" };
  const counts: LoadCounts = { foundation: 0, replication: 0 };
  const code = await main(
    ["node", "dms-platform", "plan", "--stacks-dir", options.stacksDir ?? FIXTURE_STACKS_DIR, ...args],
    {
      stdout: { write: (s: string) => (out.stdout += s), isTTY: options.isTTY ?? false },
      stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
      env: options.env ?? {},
      cwd: SCRIPTS_DIR,
      repoRoot: options.repoRoot ?? join(SCRIPTS_DIR, ".."),
      loadRegistry: async () => fixtureRegistry(counts),
    },
  );
  return { code, ...out, counts };
}

/** A copy of the fixture stacks with `edit` applied to one config file. */
function stacksWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "dms-plan-"));
  cpSync(FIXTURE_STACKS_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const edited = edit(readFileSync(path, "utf8"));
  assert.notEqual(edited, readFileSync(path, "utf8"), "the edit changed nothing");
  writeFileSync(path, edited);
  return dir;
}

const docsOf = (run: Run) => JSON.parse(run.stdout) as PlanDocument[];

describe("dms-platform plan", () => {
  const temps: string[] = [];
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });
  const temp = (dir: string) => {
    temps.push(dir);
    return dir;
  };

  it("prints one JSON document per stack × env, foundation before replication, and exits 0", async () => {
    const run = await plan(["--format", "json"]);
    assert.equal(run.code, 0, run.stderr);
    const docs = docsOf(run);
    assert.deepEqual(
      docs.map((d) => `${d.stack}.${d.environment}`),
      [
        "foundation.dev",
        "replication.dev",
        "foundation.test",
        "replication.test",
        "foundation.prod",
        "replication.prod",
      ],
    );
    const foundation = docs[0];
    assert.ok(foundation);
    assert.equal(foundation.project, "dms-platform-foundation");
    assert.deepEqual(Object.keys(foundation).sort(), [
      "environment",
      "outputs",
      "project",
      "resources",
      "stack",
      "summary",
      "violations",
      "warnings",
    ]);
    const byName = new Map(foundation.resources.map((r) => [`${r.type} ${r.name}`, r]));
    const net = byName.get("fixture:network:Network net");
    const vpc = byName.get("aws:ec2/vpc:Vpc net-vpc");
    assert.ok(net && vpc);
    assert.equal(vpc.parent, net.urn);
    assert.deepEqual(vpc.options, { protect: false, retainOnDelete: true });
    assert.equal(vpc.inputs.cidrBlock, "10.10.0.0/16");
    assert.deepEqual(byName.get("aws:secretsmanager/secret:Secret db-credentials")?.options, {
      protect: true,
      retainOnDelete: false,
    });
    assert.ok(byName.get("aws:ec2/subnet:Subnet net-private-a")?.dependencies.includes(vpc.urn));
    assert.deepEqual(foundation.summary, { resources: 7, mandatory: 0, advisory: 4 });
    assert.deepEqual(Object.keys(foundation.violations[0] ?? {}).sort(), [
      "enforcementLevel",
      "message",
      "policy",
      "policyPack",
      "urn",
    ]);
  });

  it("feeds the foundation's outputs to the replication's StackReference, per environment", async () => {
    const docs = docsOf(await plan(["--format", "json"]));
    for (const env of ENVIRONMENTS) {
      const foundation = docs.find((d) => d.stack === "foundation" && d.environment === env);
      const replication = docs.find((d) => d.stack === "replication" && d.environment === env);
      const vpcId = foundation?.outputs.vpcId;
      assert.match(String(vpcId), /^vpc-/);
      assert.equal(replication?.outputs.foundationVpcId, vpcId);
      const sg = replication?.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
      assert.equal(sg?.inputs.vpcId, vpcId);
    }
  });

  it("plans a referenced stack silently and imports each program once", async () => {
    const one = await plan(["--stack", "replication", "--env", "dev", "--format", "json"]);
    assert.equal(one.code, 0, one.stderr);
    const doc = JSON.parse(one.stdout) as PlanDocument;
    assert.equal(doc.stack, "replication");
    assert.match(String(doc.outputs.foundationVpcId), /^vpc-/);
    assert.equal(one.stderr, "");
    assert.deepEqual(one.counts, { foundation: 1, replication: 1 });

    const all = await plan(["--format", "json"]);
    assert.deepEqual(all.counts, { foundation: 1, replication: 1 });
    const foundationOnly = await plan(["--stack", "foundation", "--format", "json"]);
    assert.deepEqual(foundationOnly.counts, { foundation: 1, replication: 0 });
  });

  it("draws the text tree with children under their component, and reports progress on stderr", async () => {
    const run = await plan([]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n");
    const at = (needle: RegExp) => lines.findIndex((l) => needle.test(l));
    const component = at(/├─ fixture:network:Network\s+net$/);
    assert.ok(component > 0, run.stdout);
    assert.match(lines[component + 1] ?? "", /│ {2}├─ aws:ec2\/vpc:Vpc\s+net-vpc\s+retainOnDelete/);
    assert.match(lines[component + 3] ?? "", /│ {2}└─ aws:ec2\/securityGroup:SecurityGroup\s+net-db/);
    assert.match(run.stdout, /\+ 7 to create/);
    assert.match(run.stdout, /advisory \(4\)\n\s+! fixture-required-tags/);
    assert.match(run.stderr, /^\[1\/6\] foundation \(dev\): 7 resources, 0 mandatory, 4 advisory/);
    assert.match(run.stderr, /\[6\/6\] replication \(prod\)/);
  });

  it("writes a Markdown PR comment with the summary table, a mermaid diagram and folded resources", async () => {
    const run = await plan(["--format", "markdown", "--env", "dev"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\| Stack \| Migration \| Environment \| Resources \| Mandatory \| Advisory \|/);
    assert.match(run.stdout, /\| foundation \| – \| dev \| 7 \| 0 \| ⚠️ 4 \|/);
    assert.match(run.stdout, /```mermaid\nflowchart LR\n/);
    assert.match(run.stdout, /foundation_dev -- "outputs" --> replication_dev_n\d/);
    assert.match(run.stdout, /<details>\n<summary>replication \(dev\): 4 resources<\/summary>/);
  });

  it("writes DIR/<stack>.<env>.<ext> with --out", async () => {
    const out = temp(mkdtempSync(join(tmpdir(), "dms-plan-out-")));
    const run = await plan(["--format", "json", "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
    const files = readdirSync(out).sort();
    assert.deepEqual(files, [
      "foundation.dev.json",
      "foundation.prod.json",
      "foundation.test.json",
      "replication.dev.json",
      "replication.prod.json",
      "replication.test.json",
    ]);
    const doc = JSON.parse(readFileSync(join(out, "replication.test.json"), "utf8")) as PlanDocument;
    assert.equal(doc.environment, "test");
    assert.equal(doc.stack, "replication");
    const md = await plan(["--format", "markdown", "--env", "prod", "--stack", "foundation", "--out", out]);
    assert.equal(md.code, 0);
    assert.match(readFileSync(join(out, "foundation.prod.md"), "utf8"), /\| foundation \| – \| prod \| 7 \| 0 \| 0 \|/);
  });

  it("never prints a secret, in any format", async () => {
    for (const format of ["text", "markdown", "json", "sarif"]) {
      const run = await plan(["--format", format, "--env", "dev"]);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(!run.stdout.includes(PLANTED_SECRET), `${format} output contains the planted secret`);
      assert.ok(!run.stderr.includes(PLANTED_SECRET));
    }
    const docs = docsOf(await plan(["--format", "json", "--env", "dev"]));
    const foundation = docs.find((d) => d.stack === "foundation");
    assert.equal(foundation?.outputs.dbPassword, "[secret]");
    const version = foundation?.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion");
    assert.equal(version?.inputs.secretString, "[secret]");
    const parameter = docs.find((d) => d.stack === "replication")?.resources.find((r) => r.name === "lab-api-token");
    assert.equal(parameter?.inputs.value, "[secret]");
  });

  it("exits 1 on an insecure config and names the policy", async () => {
    const dir = temp(
      stacksWith("foundation/Pulumi.prod.yaml", (t) => t.replace(/dbIngressCidr: .*/, "dbIngressCidr: 0.0.0.0/0")),
    );
    const run = await plan(["--stacks-dir", dir]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /mandatory \(1\)\n\s+✗ fixture-no-public-db-ingress {2}\(aws:ec2\/securityGroup:SecurityGroup net-db\)\n\s+ingress\[0\]\.cidrBlocks admits 0\.0\.0\.0\/0/,
    );

    const sarif = await plan(["--stacks-dir", dir, "--format", "sarif"], { repoRoot: dir });
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    assert.ok(run0);
    assert.equal(run0.tool.driver.name, "dms-platform");
    assert.deepEqual(
      run0.tool.driver.rules.map((r) => r.id),
      ["fixture-no-public-db-ingress", "fixture-required-tags"],
    );
    for (const rule of run0.tool.driver.rules) assert.ok(rule.fullDescription.text.length > 20);
    const errors = run0.results.filter((r) => r.level === "error");
    assert.equal(errors.length, 1);
    const [error] = errors;
    assert.equal(error?.ruleId, "fixture-no-public-db-ingress");
    assert.equal(error?.ruleIndex, 0);
    assert.match(error?.message.text ?? "", /^foundation \(prod\): ingress\[0\]/);
    assert.equal(error?.locations[0]?.physicalLocation.artifactLocation.uri, "foundation/Pulumi.prod.yaml");
    const warnings = run0.results.filter((r) => r.level === "warning");
    assert.equal(warnings.length, 4);
    assert.ok(warnings.every((w) => w.ruleId === "fixture-required-tags" && w.ruleIndex === 1));
  });

  it("exits 2 with one line naming the file and the key when a program rejects its config", async () => {
    const dir = temp(
      stacksWith("foundation/Pulumi.dev.yaml", (t) => t.replace(/vpcCidr: .*/, "vpcCidr: 10.10.0.0/99")),
    );
    const run = await plan(["--stacks-dir", dir, "--stack", "replication", "--env", "dev"], { repoRoot: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      'error: foundation/Pulumi.dev.yaml: dms-platform-foundation:vpcCidr: must be an IPv4 CIDR block (got "10.10.0.0/99")\n',
    );
  });

  it("exits 2 naming the file and the key when two environments' foundations create the DMS roles in one account", async () => {
    const creates = (t: string) =>
      t.replace(
        "config:\n",
        'config:\n  aws:allowedAccountIds: ["111122223333"]\n  dms-platform-foundation:accountRoles: create\n',
      );
    const dir = temp(stacksWith("foundation/Pulumi.dev.yaml", creates));
    writeFileSync(
      join(dir, "foundation/Pulumi.test.yaml"),
      creates(readFileSync(join(dir, "foundation/Pulumi.test.yaml"), "utf8")),
    );
    const run = await plan(["--stacks-dir", dir, "--env", "prod"], { repoRoot: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      'error: foundation/Pulumi.test.yaml: dms-platform-foundation:accountRoles: creates dms-vpc-role and dms-cloudwatch-logs-role in account 111122223333 (aws:allowedAccountIds), which foundation/Pulumi.dev.yaml also creates: set dms-platform-foundation:accountRoles: adopt in all but one foundation of that account (docs/accounts.md) (got "create")\n',
    );
    // The account's trail likewise: one foundation creates it, the others adopt it by name.
    assert.deepEqual(
      accountRoleClashes([
        { shown: "foundation/Pulumi.dev.yaml", values: { "aws:allowedAccountIds": ["1"], [AUDIT_KEY]: {} } },
        { shown: "foundation/Pulumi.test.yaml", values: { "aws:allowedAccountIds": ["1"] } },
        {
          shown: "foundation/Pulumi.prod.yaml",
          values: { "aws:allowedAccountIds": ["1"], [AUDIT_KEY]: { trailName: "t" } },
        },
      ]),
      [
        'foundation/Pulumi.test.yaml: dms-platform-foundation:audit: creates the account\'s CloudTrail trail in account 1 (aws:allowedAccountIds), which foundation/Pulumi.dev.yaml also creates: set dms-platform-foundation:audit.trailName to the name of that trail to adopt it (docs/accounts.md) (got "unset: create")',
      ],
    );
    // One creator per account is the intended layout.
    writeFileSync(
      join(dir, "foundation/Pulumi.test.yaml"),
      readFileSync(join(dir, "foundation/Pulumi.test.yaml"), "utf8").replace(
        "accountRoles: create",
        "accountRoles: adopt",
      ),
    );
    assert.deepEqual(
      accountRoleClashes([
        {
          shown: "a",
          values: { "aws:allowedAccountIds": ["1"], [ACCOUNT_ROLES_KEY]: "create", [AUDIT_KEY]: { trailName: "t" } },
        },
        {
          shown: "b",
          values: { "aws:allowedAccountIds": ["2"], [ACCOUNT_ROLES_KEY]: "create", [AUDIT_KEY]: { trailName: "t" } },
        },
        {
          shown: "c",
          values: { "aws:allowedAccountIds": ["1"], [ACCOUNT_ROLES_KEY]: "adopt", [AUDIT_KEY]: { trailName: "t" } },
        },
      ]),
      [],
    );
  });

  it("exits 2 with one line naming the file and the key when a config file is malformed", async () => {
    const dir = temp(stacksWith("replication/Pulumi.test.yaml", (t) => t.replace("migrationName:", "migration name:")));
    const run = await plan(["--stacks-dir", dir], { repoRoot: dir });
    assert.equal(run.code, 2);
    const lines = run.stderr.trimEnd().split("\n");
    assert.ok(
      lines.slice(0, -1).every((l) => /^\[[1-3]\/6\] /.test(l)),
      run.stderr,
    );
    assert.equal(
      lines.at(-1),
      'error: replication/Pulumi.test.yaml: config.dms-platform-replication:migration name: keys must be "namespace:key" (e.g. aws:region)',
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("exits 2 naming the file when the policy config names an unknown policy", async () => {
    const counts: LoadCounts = { foundation: 0, replication: 0 };
    const out = { stdout: "", stderr: "" };
    const registry = fixtureRegistry(counts);
    const code = await main(["node", "dms-platform", "plan", "--stacks-dir", FIXTURE_STACKS_DIR, "--env", "test"], {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      env: {},
      loadRegistry: async () => ({ ...registry, loadPolicyConfig: () => ({ "no-such-policy": "mandatory" }) }),
    });
    assert.equal(code, 2);
    assert.equal(
      out.stderr,
      "error: fixtures/policies/test.json: no-such-policy: no policy of that name in the pack\n",
    );
    assert.deepEqual(
      counts,
      { foundation: 0, replication: 0 },
      "a bad policy config is refused before any program runs",
    );
  });

  it("exits 2 on bad usage with commander's one-line message", async () => {
    const run = await plan(["--format", "xml"]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, markdown, json, sarif.\n",
    );
  });

  it("colours text only on a terminal and honours NO_COLOR", async () => {
    const tty = await plan(["--env", "dev", "--stack", "foundation"], { isTTY: true });
    assert.ok(tty.stdout.includes(`${ESC}[33m`) && tty.stdout.includes(`${ESC}[32m`), "no colour on a terminal");
    const noColor = await plan(["--env", "dev", "--stack", "foundation"], { isTTY: true, env: { NO_COLOR: "1" } });
    assert.ok(!noColor.stdout.includes(ESC));
    const piped = await plan(["--env", "dev", "--stack", "foundation"], { isTTY: false });
    assert.ok(!piped.stdout.includes(ESC));
    assert.equal(noColor.stdout, piped.stdout);
  });

  it("offers every environment and all", () => {
    assert.deepEqual([...ENV_CHOICES], [...ENVIRONMENTS, "all"]);
  });
});

describe("dms-platform (dist/bin.js)", () => {
  const bin = join(SCRIPTS_DIR, "dist", "bin.js");

  it("documents the exit codes in --help without loading the Pulumi SDK", () => {
    const probe = `
      const { main } = require(${JSON.stringify(join(SCRIPTS_DIR, "dist", "cli.js"))});
      let out = "";
      main(["node", "dms-platform", "plan", "--help"], { stdout: { write: (s) => (out += s) } }).then((code) => {
        const pulumi = Object.keys(require.cache).filter((k) => k.includes("@pulumi"));
        process.stdout.write(JSON.stringify({ code, out, pulumi }));
      });`;
    const result = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
    const { code, out, pulumi } = JSON.parse(result.stdout) as { code: number; out: string; pulumi: string[] };
    assert.equal(code, 0);
    assert.match(out, /Exit codes:\n\s+0 {2}no mandatory policy violated\n\s+1 {2}at least one mandatory/);
    assert.match(out, /--stacks-dir <dir>/);
    assert.deepEqual(pulumi, []);
  });

  it("exits 2 on a bad option, with one line on stderr", () => {
    const result = spawnSync(process.execPath, [bin, "plan", "--env", "staging"], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      "error: option '--env <env>' argument 'staging' is invalid. Allowed choices are dev, test, prod, all.\n",
    );
  });
});

describe("dms-platform plan errors", () => {
  async function withRegistry(edit: (r: ReturnType<typeof fixtureRegistry>) => void): Promise<Run> {
    const out = { stdout: "", stderr: "" };
    const registry = fixtureRegistry();
    edit(registry);
    const code = await main(["node", "dms-platform", "plan", "--stacks-dir", FIXTURE_STACKS_DIR, "--env", "dev"], {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      env: {},
      repoRoot: join(SCRIPTS_DIR, ".."),
      loadRegistry: async () => registry,
    });
    return { code, ...out, counts: { foundation: 0, replication: 0 } };
  }

  it("exits 2 with one line naming the stack's file when its program fails", async () => {
    const run = await withRegistry((r) => {
      const foundation = r.stacks[0];
      assert.ok(foundation);
      foundation.load = async () => async () => {
        throw new Error("Missing required configuration variable 'x'\n\tplease set a value");
      };
    });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: scripts/fixtures/stacks/foundation/Pulumi.dev.yaml: dms-platform-foundation/dev: Missing required configuration variable 'x'; please set a value\n",
    );
  });

  it("exits 3, not 1, when a policy throws", async () => {
    const run = await withRegistry((r) => {
      const broken: ResourceValidationPolicy = {
        name: "broken",
        description: "throws",
        enforcementLevel: "mandatory",
        validateResource: () => {
          throw new TypeError("cannot read properties of undefined");
        },
      };
      r.policies = [broken];
      r.loadPolicyConfig = () => ({});
    });
    assert.equal(run.code, 3);
    assert.match(
      run.stderr,
      /^error: policy "broken" failed on urn:pulumi:dev::dms-platform-foundation::pulumi:pulumi:Stack::/,
    );
  });
});
