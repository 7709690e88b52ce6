import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { touchOf } from "../changed/map.js";
import { main } from "../cli.js";

const REPO = join(__dirname, "..", "..", "..");

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], {
    cwd,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

/**
 * A minimal repository: the stack configs (with two named migrations), a package, a policy config
 * and a doc, committed on main; returns its directory and the base commit.
 */
function minimalRepo(): { dir: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), "dms-changed-"));
  for (const stack of ["foundation", "replication"]) {
    for (const file of readdirSync(join(REPO, "stacks", stack))) {
      if (/^Pulumi(\..+)?\.yaml$/.test(file))
        cpSync(join(REPO, "stacks", stack, file), join(dir, "stacks", stack, file));
    }
  }
  for (const name of ["billing", "orders"]) {
    for (const env of ["dev", "test", "prod"]) {
      writeFileSync(
        join(dir, "stacks", "replication", `Pulumi.${name}-${env}.yaml`),
        `config:\n  dms-platform-replication:application: ${name}\n`,
      );
    }
  }
  mkdirSync(join(dir, "packages", "dms", "src"), { recursive: true });
  writeFileSync(join(dir, "packages", "dms", "src", "index.ts"), "export const x = 1;\n");
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs", "runbook.md"), "# Runbook\n");
  writeFileSync(join(dir, "README.md"), "# dms-platform\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return { dir, base: git(dir, "rev-parse", "HEAD") };
}

async function changed(dir: string, ...args: string[]) {
  const out = { stdout: "", stderr: "" };
  const code = await main(["node", "dms-platform", "changed", ...args], {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {},
    cwd: dir,
    repoRoot: dir,
    loadRegistry: () => assert.fail("changed plans nothing"),
  });
  return { code, ...out };
}

const stackNames = (stdout: string) =>
  (JSON.parse(stdout) as { include: Array<{ stackName: string; stack: string }> }).include.map(
    (e) => `${e.stack}:${e.stackName}`,
  );

describe("dms-platform changed", () => {
  let repo: { dir: string; base: string };
  beforeEach(() => {
    repo = minimalRepo();
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  it("a migration's config edit previews that migration in that environment only", async () => {
    appendFileSync(join(repo.dir, "stacks", "replication", "Pulumi.orders-test.yaml"), "  # edited\n");
    git(repo.dir, "commit", "-q", "-am", "edit orders test");
    const run = await changed(repo.dir, "--since", repo.base);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      include: [
        {
          stack: "replication",
          migration: "orders",
          env: "test",
          workDir: "stacks/replication",
          stackName: "orders-test",
        },
      ],
    });
  });

  it("a package edit previews every stack of every environment, foundation first", async () => {
    appendFileSync(join(repo.dir, "packages", "dms", "src", "index.ts"), "export const y = 2;\n");
    git(repo.dir, "commit", "-q", "-am", "edit a package");
    const run = await changed(repo.dir, "--since", repo.base);
    assert.deepEqual(
      stackNames(run.stdout),
      ["dev", "test", "prod"].flatMap((env) => [
        `foundation:${env}`,
        `replication:${env}`,
        // The repository's analytics migration (MySQL -> Redshift).
        `replication:analytics-${env}`,
        `replication:billing-${env}`,
        // The repository's own second dev migration (DMS Serverless).
        ...(env === "dev" ? ["replication:catalog-dev"] : []),
        // The repository's claims migration (Oracle -> Aurora PostgreSQL).
        `replication:claims-${env}`,
        `replication:orders-${env}`,
      ]),
    );
    const primary = (JSON.parse(run.stdout) as { include: Array<{ migration?: string }> }).include[1];
    assert.equal(primary?.migration, "dmslab", "the primary's name is its application");
  });

  it('a docs-only change previews nothing: {"include":[]}', async () => {
    appendFileSync(join(repo.dir, "docs", "runbook.md"), "More.\n");
    appendFileSync(join(repo.dir, "README.md"), "More.\n");
    git(repo.dir, "commit", "-q", "-am", "docs");
    const run = await changed(repo.dir, "--since", repo.base);
    assert.equal(run.stdout, '{"include":[]}\n');
  });

  it("counts uncommitted edits, reads a foundation config as touching its migrations, and skips a deleted migration", async () => {
    appendFileSync(join(repo.dir, "stacks", "foundation", "Pulumi.prod.yaml"), "  # edited\n");
    unlinkSync(join(repo.dir, "stacks", "replication", "Pulumi.billing-dev.yaml"));
    const run = await changed(repo.dir, "--since", repo.base);
    assert.deepEqual(stackNames(run.stdout), [
      "foundation:prod",
      "replication:prod",
      "replication:analytics-prod",
      "replication:billing-prod",
      "replication:claims-prod",
      "replication:orders-prod",
    ]);
    const text = await changed(repo.dir, "--since", repo.base, "--format", "text");
    assert.match(text.stdout, /^deleted stacks\/replication\/Pulumi\.billing-dev\.yaml: nothing \(deleted/m);
    assert.match(text.stdout, /replication orders \(prod\): pulumi -C stacks\/replication preview --stack orders-prod/);
  });

  it("exits 2 naming git's complaint for an unknown ref", async () => {
    const run = await changed(repo.dir, "--since", "no-such-ref");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: git diff .*no-such-ref/);
  });
});

describe("changed: what a path touches", () => {
  const parse = (stack: string) =>
    stack === "dev"
      ? { environment: "dev" as const }
      : stack === "orders-dev"
        ? { migration: "orders", environment: "dev" as const }
        : undefined;
  for (const [path, kind] of [
    ["stacks/replication/Pulumi.dev.yaml", "migration"],
    ["stacks/replication/Pulumi.orders-dev.yaml", "migration"],
    ["stacks/replication/src/program.ts", "migrations"],
    ["stacks/foundation/src/index.ts", "foundation"],
    ["stacks/foundation/Pulumi.yaml", "foundation"],
    ["policies/config/test.json", "foundation"],
    ["policies/src/tags/required-tags.ts", "everything"],
    ["scripts/src/cli.ts", "everything"],
    ["package-lock.json", "everything"],
    [".github/workflows/pull-request.yml", "everything"],
    ["docs/plan.md", "nothing"],
    ["bench/run.mjs", "nothing"],
    ["stacks/replication/README.md", "nothing"],
    ["some-new-dir/file.ts", "everything"],
  ] as const) {
    it(`${path}: ${kind}`, () => {
      assert.equal(touchOf({ path, deleted: false }, parse).kind, kind);
    });
  }
});

describe("dms-platform changed --all", () => {
  it("lists every stack of every environment, and refuses --all with --since", async () => {
    const { dir, base } = minimalRepo();
    try {
      const all = await changed(dir, "--all");
      assert.equal(all.code, 0, all.stderr);
      assert.equal(
        stackNames(all.stdout).length,
        19,
        "3 foundations, 3 primaries, analytics, billing, claims and orders x 3, catalog-dev",
      );
      assert.equal((await changed(dir, "--all", "--since", base)).code, 2);
      assert.equal((await changed(dir)).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dms-platform changed --without-placeholders (what deploy.yml deploys)", () => {
  it("leaves out a migration whose file still holds new-migration's placeholders, naming file, line and value", async () => {
    const { dir } = minimalRepo();
    try {
      const run = await changed(dir, "--all", "--without-placeholders");
      assert.equal(run.code, 0, run.stderr);
      const names = stackNames(run.stdout);
      assert.equal(names.length, 17, "every stack but catalog-dev and claims-dev");
      assert.ok(!names.includes("replication:catalog-dev"), names.join(" "));
      // claims-dev's on-premises range is the placeholder until dev's foundation routes one.
      assert.ok(!names.includes("replication:claims-dev"), names.join(" "));
      assert.ok(names.includes("replication:claims-test"), names.join(" "));
      assert.match(
        run.stderr,
        /^catalog-dev \(dev\): not deployed: stacks\/replication\/Pulumi\.catalog-dev\.yaml:\d+ still holds the placeholder catalog-dev\.db\.example\.internal \(and \d+ more\) written by new-migration; replace it/m,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("deploys it once every placeholder is replaced (the REPLACE comments may stay)", async () => {
    const { dir } = minimalRepo();
    try {
      const file = join(dir, "stacks", "replication", "Pulumi.catalog-dev.yaml");
      const replaced = readFileSync(file, "utf8")
        .replace("catalog-dev.db.example.internal", "pg-catalog.corp.internal")
        .replace("key/00000000-0000-4000-8000-000000000000", "key/4b1c2d3e-1111-2222-3333-444455556666")
        .replace("- 10.255.255.10/32", "- 172.16.20.15/32");
      writeFileSync(file, replaced);
      // The comments still say REPLACE and still name the placeholder CIDR: comments do not count.
      assert.match(replaced, /# 10\.255\.255\.10\/32 is a placeholder .*REPLACE/);
      const run = await changed(dir, "--all", "--without-placeholders");
      // Only claims-dev is left out now (its dev source range is still the placeholder).
      assert.deepEqual(
        run.stderr
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => l.split(" ")[0]),
        ["claims-dev"],
      );
      assert.ok(stackNames(run.stdout).includes("replication:catalog-dev"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dms-platform changed --promotion-only (the pull-request check)", () => {
  const PROD = join("stacks", "replication", "Pulumi.prod.yaml");
  it("fails on a test or prod file whose migration definition changed, naming file and key, exit 1", async () => {
    const { dir, base } = minimalRepo();
    try {
      const path = join(dir, PROD);
      writeFileSync(path, readFileSync(path, "utf8").replace("table-name: customers", "table-name: orders"));
      const run = await changed(dir, "--since", base, "--promotion-only");
      assert.equal(run.code, 1, run.stderr);
      assert.equal(
        run.stdout,
        "stacks/replication/Pulumi.prod.yaml: dms-platform-replication:migration changed outside a promotion: promote it from test (npm run promote, docs/promotion.md)\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets environment-specific keys (the delete guard), new files and dev change in place, exit 0", async () => {
    const { dir, base } = minimalRepo();
    try {
      const path = join(dir, PROD);
      const lifted = readFileSync(path, "utf8").replace("migrationActive: true", "migrationActive: false");
      assert.notEqual(lifted, readFileSync(path, "utf8"));
      writeFileSync(path, `${lifted}  # lifted for the decommission\n`);
      writeFileSync(join(dir, "stacks", "replication", "Pulumi.newone-prod.yaml"), "config: {}\n");
      const dev = join(dir, "stacks", "replication", "Pulumi.dev.yaml");
      writeFileSync(dev, readFileSync(dev, "utf8").replace("table-name: customers", "table-name: orders"));
      const run = await changed(dir, "--since", base, "--promotion-only");
      assert.equal(run.code, 0, run.stdout);
      assert.equal(run.stdout, "");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
