import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../../registry.js";
import { type PlanReport, runPlan } from "../run-plan.js";
import { planDocument } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { palette, renderStackText } from "./render-text.js";

const REPO = join(__dirname, "..", "..", "..", "..");

/**
 * dev's lab with a second, full-load task whose documents DMS would accept but that are likely mistakes: two
 * rules named "2", batch apply (a CDC mode) on a full-load task, a target schema on a MySQL target, and one
 * setting newer than the catalogue that the task allows.
 */
const DOUBTFUL_TASK = `      - name: orders
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
            - rule-type: selection
              rule-id: "3"
              rule-name: "2"
              object-locator:
                schema-name: dmslab
                table-name: order_lines
              rule-action: include
        settings:
          TargetMetadata:
            BatchApplyEnabled: true
            TargetSchema: sales
            NewerSetting: 4
        allowUnknownSettings:
          - TargetMetadata.NewerSetting
`;

describe("plan: task document warnings", () => {
  let report: PlanReport;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "dms-plan-warnings-"));
    for (const stack of ["foundation", "replication"]) {
      cpSync(join(REPO, "stacks", stack), join(dir, stack), {
        filter: (f) => !/[/\\](dist|src|node_modules)$/.test(f),
        recursive: true,
      });
    }
    const file = join(dir, "replication", "Pulumi.dev.yaml");
    const text = readFileSync(file, "utf8");
    assert.equal(text.split("        start: true\n").length, 2, "one task that starts");
    writeFileSync(file, text.replace("        start: true\n", `        start: true\n${DOUBTFUL_TASK}`));
    report = await runPlan({
      ...(await defaultRegistry()),
      envs: ["dev"],
      stackNames: ["replication"],
      stacksDir: dir,
      root: REPO,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists each warning with its task, document and JSON path in the JSON plan, and none for the lab task", () => {
    const [plan] = report.plans;
    assert.ok(plan);
    const warnings = planDocument(plan).warnings.map((w) => `${w.task} ${w.document}: ${w.path}`);
    assert.deepEqual(warnings, [
      "dev-dmslab-orders-dms tableMappings: rules[1].rule-name",
      "dev-dmslab-orders-dms replicationTaskSettings: TargetMetadata.NewerSetting",
      "dev-dmslab-orders-dms replicationTaskSettings: TargetMetadata.BatchApplyEnabled",
      "dev-dmslab-orders-dms replicationTaskSettings: TargetMetadata.TargetSchema",
    ]);
    assert.equal(
      plan.violations.filter((v) => v.policy === "dms-task-documents-valid").length,
      0,
      "the allowed key passes the document policy",
    );
  });

  it("shows them in the text and Markdown plans", () => {
    const [plan] = report.plans;
    assert.ok(plan);
    const text = renderStackText(plan, palette(false));
    assert.match(text, /Task document warnings \(4\):/);
    assert.match(
      text,
      /! dev-dmslab-orders-dms {2}replicationTaskSettings: TargetMetadata\.BatchApplyEnabled: batch apply is how DMS applies captured changes/,
    );
    const md = renderMarkdown(report);
    assert.match(md, /### ⚠️ Task document warnings \(4\)/);
    assert.match(
      md,
      /\| <code>dev-dmslab-orders-dms<\/code> \| <code>tableMappings: rules\[1\]\.rule-name<\/code> \| duplicates the rule-name of rules\[0\]/,
    );
  });
});
