import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../../registry.js";
import { runPlan } from "../run-plan.js";
import { renderMarkdown } from "./render-markdown.js";

const REPO = join(__dirname, "..", "..", "..", "..");

/** dev's lab with a second task in wave 2 (dmslab.orders, excluding its audit table). */
const WAVE_2_TASK = `      - name: orders
        wave: 2
        migrationType: full-load
        tableMappings:
          rules:
            - rule-type: selection
              rule-id: "2"
              rule-name: "2"
              object-locator:
                schema-name: dmslab
                table-name: orders%
              rule-action: include
            - rule-type: selection
              rule-id: "3"
              rule-name: "3"
              object-locator:
                schema-name: dmslab
                table-name: orders_audit
              rule-action: exclude
`;

describe("markdown plan: tasks by wave", () => {
  it("lists each task with its migration type, wave, source endpoint and selected tables", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dms-plan-waves-"));
    try {
      cpSync(join(REPO, "stacks", "foundation"), join(dir, "foundation"), {
        filter: (f) => !/[/\\](dist|src|node_modules)$/.test(f),
        recursive: true,
      });
      cpSync(join(REPO, "stacks", "replication"), join(dir, "replication"), {
        filter: (f) => !/[/\\](dist|src|node_modules)$/.test(f),
        recursive: true,
      });
      const file = join(dir, "replication", "Pulumi.dev.yaml");
      const text = readFileSync(file, "utf8");
      assert.equal(text.split("        start: true\n").length, 2, "one task that starts");
      writeFileSync(file, text.replace("        start: true\n", `        start: true\n${WAVE_2_TASK}`));
      const report = await runPlan({
        ...(await defaultRegistry()),
        envs: ["dev"],
        stackNames: ["replication"],
        migration: "dmslab",
        stacksDir: dir,
        root: REPO,
      });
      const md = renderMarkdown(report);
      const section = md.slice(md.indexOf("### Tasks"), md.indexOf("### Components and data flow"));
      assert.deepEqual(
        section.split("\n").filter((l) => l.startsWith("| <code>")),
        [
          "| <code>dev-dmslab-customers-dms</code> | full-load-and-cdc | 1 | <code>dev-dmslab-src-dms</code> | dmslab.customers |",
          "| <code>dev-dmslab-orders-dms</code> | full-load | 2 | <code>dev-dmslab-src-dms</code> | dmslab.orders%, not dmslab.orders_audit |",
        ],
      );
      assert.match(
        section,
        /#### replication \(dev\)\n\n\| Task \| Migration type \| Wave \| Source \| Selected tables \|/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
