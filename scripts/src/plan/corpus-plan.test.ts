import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../registry.js";
import { planDocument } from "./render/render-json.js";
import { type PlanReport, runPlan } from "./run-plan.js";

const REPO = join(__dirname, "..", "..", "..");
const CORPUS = join(REPO, "packages", "dms", "fixtures", "valid");
const corpus = (name: string): unknown =>
  (JSON.parse(readFileSync(join(CORPUS, name), "utf8")) as { document: unknown }).document;

/**
 * Real documents of the DMS document corpus (packages/dms/fixtures/valid) in one task of dev's replication stack, as
 * a user would write them in Pulumi.dev.yaml (JSON is YAML): data masking with string sizes (3.5.4), data resync
 * (3.6.1), time travel, INSERT_RECORD, and a key near nothing the catalogue knows. `plan` must take them as DMS does:
 * no document policy violation, and the unknown key a warning.
 */
function corpusTask(): string {
  const mappings = corpus("transformation-data-masking-hash-mask-string-length.json");
  const settings = {
    ...(corpus("settings-data-resync.json") as object),
    ...(corpus("settings-time-travel.json") as object),
    ...(corpus("settings-apply-error-record-policies.json") as object),
    Logging: { EnableLogTruncation: true },
  };
  return `      - name: corpus
        migrationType: full-load-and-cdc
        tableMappings: ${JSON.stringify(mappings)}
        settings: ${JSON.stringify(settings)}
`;
}

describe("plan: real DMS documents from the corpus", () => {
  let report: PlanReport;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "dms-plan-corpus-"));
    for (const stack of ["foundation", "replication"]) {
      cpSync(join(REPO, "stacks", stack), join(dir, stack), {
        filter: (f) => !/[/\\](dist|src|node_modules)$/.test(f),
        recursive: true,
      });
    }
    const file = join(dir, "replication", "Pulumi.dev.yaml");
    const text = readFileSync(file, "utf8");
    assert.equal(text.split("        start: true\n").length, 2, "one task that starts");
    writeFileSync(file, text.replace("        start: true\n", `        start: true\n${corpusTask()}`));
    report = await runPlan({
      ...(await defaultRegistry()),
      envs: ["dev"],
      stackNames: ["replication"],
      stacksDir: dir,
      root: REPO,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("plans them without a document violation, the unknown key as a warning", () => {
    const [plan] = report.plans;
    assert.ok(plan);
    assert.deepEqual(
      plan.violations.filter((v) => v.policy === "dms-task-documents-valid").map((v) => v.message),
      [],
    );
    const warnings = planDocument(plan).warnings.map((w) => `${w.task} ${w.document}: ${w.path}`);
    assert.deepEqual(warnings, ["dev-dmslab-corpus-dms replicationTaskSettings: Logging.EnableLogTruncation"]);
  });
});
