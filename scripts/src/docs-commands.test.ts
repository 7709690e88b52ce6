// Every command README.md and docs/*.md show in a `sh` block is run here, in a scratch copy of the
// repository, and must exit as documented; a command that needs what a test cannot have (an AWS
// account, the Pulumi CLI, a database at a made-up host) is listed with the reason it is not run.
// A command this table does not know fails the test, so a new one gets a decision and cannot rot.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkDependencies } from "./plan/state/base.js";

const ROOT = join(__dirname, "..", "..");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

export interface DocCommand {
  /** The document, relative to the repository root. */
  file: string;
  line: number;
  command: string;
}

/**
 * The commands of a Markdown document: each line of a fenced `sh`/`bash`/`shell` block, with `\`
 * continuations joined and a trailing `  # comment` dropped; blank and comment lines are not commands.
 */
export function docCommands(file: string, markdown: string): DocCommand[] {
  const out: DocCommand[] = [];
  const lines = markdown.split("\n");
  let inBlock = false;
  let fence = "";
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const open = /^(```+)\s*(\w*)/.exec(text);
    if (!inBlock && open) {
      inBlock = ["sh", "bash", "shell"].includes(open[2] ?? "");
      fence = open[1] ?? "```";
      if (!inBlock) {
        // Skip a block of another language to its closing fence.
        for (i++; i < lines.length && !(lines[i] ?? "").startsWith(fence); i++);
      }
      continue;
    }
    if (!inBlock) continue;
    if (text.startsWith(fence)) {
      inBlock = false;
      continue;
    }
    const start = i + 1;
    let command = text;
    while (command.endsWith("\\") && i + 1 < lines.length) command = `${command.slice(0, -1)} ${lines[++i] ?? ""}`;
    command = command
      .replace(/\s{2,}#.*$/, "")
      .replace(/\s+/g, " ")
      .trim();
    if (command === "" || command.startsWith("#")) continue;
    out.push({ file, line: start, command });
  }
  return out;
}

type Decision =
  /** Run `command` (default: the documented one), after `setup`; it must exit `expect` (default 0). */
  { run: true; expect?: number; setup?: string[]; command?: string } | { run: false; why: string };

const AWS = "needs AWS credentials and a deployed migration; scripts/src/operate tests run it against the SDK's mocks";
const DATABASE =
  "needs a database at the host it names; scripts/src/live tests run preflight, validate and cutover-check against real PostgreSQL and MariaDB";
const PULUMI = "needs the Pulumi CLI, a Pulumi backend and an AWS account (none on a test machine)";
const SHELL = "sets the shell up for the commands after it (a variable or a directory), runs nothing";

/**
 * What this test does with a documented command, decided by its shape (first match wins). Any
 * command no rule matches fails the test: a new command in the docs needs a decision here.
 */
const RULES: Array<{ match: RegExp; decide: (command: string) => Decision }> = [
  { match: /^\[|\s\[--/, decide: () => ({ run: false, why: "a synopsis of the options, not a command" }) },
  { match: /\bpulumi\b/, decide: () => ({ run: false, why: PULUMI }) },
  { match: /^(export \w+=|[A-Z_]+=\S+$|cd \S+$)/, decide: () => ({ run: false, why: SHELL }) },
  // `npm ci` installs: CI's first step (.ci/run), done before npm test runs this test; what follows it runs.
  { match: /^npm ci && npm run plan$/, decide: () => ({ run: true, command: "npm run plan" }) },
  {
    match: /^npm ci && npm run build$/,
    decide: () => ({ run: false, why: "installs and builds: what CI does before npm test, which built this tree" }),
  },
  { match: /^npm test$/, decide: () => ({ run: false, why: "the suite this test is part of" }) },
  {
    match: /^(npm run bench\b|node bench\/policy-throughput\.mjs)/,
    decide: () => ({ run: false, why: "a benchmark: minutes of timing, never part of npm test (docs/benchmarks.md)" }),
  },
  {
    match: /--base /,
    decide: () => ({
      run: false,
      why: "builds and plans another revision (a minute and more): scripts/src/plan-change.test.ts runs --base in a clone",
    }),
  },
  { match: /^npm run (status|assess|start-migration)\b/, decide: () => ({ run: false, why: AWS }) },
  // The AWS CLI, and the shell loop around it (the runbook's stop of every task).
  {
    match: /^(aws |arn="\$\(aws |for \w+ in .*; do$|done$)/,
    decide: () => ({ run: false, why: "the AWS CLI against a deployed migration (needs AWS credentials)" }),
  },
  // prod protects its database: `pulumi destroy` would stop there, so the plan exits 1.
  {
    match: /--env prod .*--destroy --state state\/$/,
    decide: () => ({ run: true, expect: 1, setup: ["node scripts/dist/bin.js plan --write-state state/ >/dev/null"] }),
  },
  // Oracle and SQL Server preflight prints its queries without connecting (docs/heterogeneous.md).
  { match: /^npm run preflight -- --engine \w+ .*--queries$/, decide: () => ({ run: true }) },
  // A Redshift or S3 target: the Redshift Data API, S3 and DMS (docs/analytics-targets.md).
  { match: /^npm run (validate|cutover-check)\b.*--(warehouse|out)\b/, decide: () => ({ run: false, why: AWS }) },
  { match: /^npm run (preflight|validate|cutover-check)\b/, decide: () => ({ run: false, why: DATABASE }) },
  // --state FILE: the state of one stack, written by --write-state first (what `pulumi stack export` gives).
  {
    match: /--state prod-replication\.json/,
    decide: () => ({
      run: true,
      setup: [
        "node scripts/dist/bin.js plan --env prod --stack replication --migration dmslab --write-state state-prod/ >/dev/null",
        "cp state-prod/replication.prod.state.json prod-replication.json",
      ],
    }),
  },
  {
    match: /--state state\/$/,
    decide: () => ({ run: true, setup: ["node scripts/dist/bin.js plan --write-state state/ >/dev/null"] }),
  },
  { match: /^npm run (plan|promote|new-migration|changed)( -- |$)/, decide: () => ({ run: true }) },
  { match: /^node bench\/report\.mjs --write$/, decide: () => ({ run: true }) },
];

function decide(command: string): Decision | undefined {
  return RULES.find((r) => r.match.test(command))?.decide(command);
}

/**
 * The command as the scratch copy runs it: `npm run X -- ARGS` is the package.json script `X`,
 * which builds (turbo, done by `npm test` before this test) and then runs `node scripts/dist/bin.js
 * X`; the build step is left out, after checking that this is indeed what the script does.
 */
function asRun(command: string): string {
  return command.replace(/\bnpm run ([\w-]+)(?: --)?/g, (_all, script: string) => {
    const text = PACKAGE.scripts[script];
    assert.ok(text, `package.json has no script ${script}`);
    const tail = `node scripts/dist/bin.js ${script}`;
    assert.ok(text.endsWith(` && ${tail}`), `package.json: scripts.${script} no longer ends with "&& ${tail}"`);
    return tail;
  });
}

/** A copy of the repository (built, without .git and node_modules; dependencies linked), as a git repository whose origin/main is HEAD. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "dms-docs-commands-"));
  for (const entry of readdirSync(ROOT)) {
    if ([".git", "node_modules", ".turbo"].includes(entry)) continue;
    cpSync(join(ROOT, entry), join(dir, entry), {
      recursive: true,
      filter: (src) => !/\/(node_modules|\.turbo|\.test-results\.json)(\/|$)/.test(src),
    });
  }
  linkDependencies(ROOT, dir);
  const git = (...args: string[]) => {
    const run = spawnSync("git", ["-c", "user.name=docs", "-c", "user.email=docs@example.com", ...args], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, `git ${args.join(" ")}: ${run.stderr}`);
  };
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "scratch copy");
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  return dir;
}

const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

describe("the commands README.md and docs/*.md show", function () {
  this.timeout(900_000);
  const all = DOCS.flatMap((file) => docCommands(file, readFileSync(join(ROOT, file), "utf8")));

  it("finds the commands of every sh block, README's first", () => {
    assert.ok(all.length >= 40, `only ${all.length} commands`);
    assert.deepEqual(all[0], { file: "README.md", line: all[0]?.line, command: "npm ci && npm run plan" });
    assert.ok(all.some((c) => c.command === "npm run promote -- --from dev --to test --dry-run"));
  });

  it("has a decision for every command: run it, or the reason it cannot run here", () => {
    const undecided = all
      .filter((c) => decide(c.command) === undefined)
      .map((c) => `${c.file}:${c.line}: ${c.command}`);
    assert.deepEqual(undecided, [], "add a rule to RULES in scripts/src/docs-commands.test.ts");
  });

  for (const file of DOCS) {
    const commands = all.filter((c) => c.file === file && decide(c.command)?.run);
    if (commands.length === 0) continue;
    describe(file, () => {
      let dir: string;
      before(() => {
        dir = scratchCopy();
      });
      after(() => rmSync(dir, { recursive: true, force: true }));
      for (const c of commands) {
        const decision = decide(c.command) as Extract<Decision, { run: true }>;
        it(`line ${c.line}: ${c.command} exits ${decision.expect ?? 0}`, () => {
          for (const step of decision.setup ?? []) {
            const setup = spawnSync("sh", ["-c", step], {
              cwd: dir,
              encoding: "utf8",
              env: { ...process.env, NO_COLOR: "1" },
            });
            assert.equal(setup.status, 0, `setup ${step}: ${setup.stderr}`);
          }
          const run = spawnSync("sh", ["-c", asRun(decision.command ?? c.command)], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, NO_COLOR: "1", DMS_PLATFORM_SKIP_BUILD: "1" },
            maxBuffer: 256 * 1024 * 1024,
          });
          assert.equal(
            run.status,
            decision.expect ?? 0,
            `${c.file}:${c.line}: ${c.command}\n${run.stderr.slice(-2000)}`,
          );
          assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
        });
      }
    });
  }

  it("lists what it does not run, each with its reason", () => {
    const skipped = all.flatMap((c) => {
      const d = decide(c.command);
      return d && !d.run ? [`${c.file}:${c.line}: ${c.command}: ${d.why}`] : [];
    });
    // Printed for the reader of the test log; each has a reason by construction.
    for (const line of skipped) assert.match(line, /: \S.*: \S/);
    console.log(`    not run here (${skipped.length}):\n${skipped.map((s) => `      ${s}`).join("\n")}`);
  });
});
