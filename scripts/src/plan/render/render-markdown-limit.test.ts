import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultRegistry } from "../../registry.js";
import { type PlanReport, runPlan } from "../run-plan.js";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "./render-markdown.js";

const repoRoot = join(__dirname, "..", "..", "..", "..");

describe("the Markdown PR comment and GitHub's comment limit", () => {
  let report: PlanReport;
  before(async () => {
    report = await runPlan({
      ...(await defaultRegistry()),
      envs: ["dev", "test", "prod"],
      stackNames: ["foundation", "replication"],
      stacksDir: join(repoRoot, "stacks"),
      root: repoRoot,
    });
  });

  it("renders everything when it fits", () => {
    // One environment's plans fit; the whole repository's (ten stacks) leave out the resource lists.
    const md = renderMarkdown({ ...report, plans: report.plans.filter((p) => p.environment === "prod") });
    assert.ok(md.length <= GITHUB_COMMENT_LIMIT);
    assert.match(md, /### Resources/);
    assert.doesNotMatch(md, /left out to stay under/);
  });

  it("keeps the summary and the violations, and leaves out resource lists first, saying so", () => {
    const full = renderMarkdown(report);
    const resourcesAt = full.indexOf("\n\n### Resources");
    const md = renderMarkdown(report, { maxLength: resourcesAt + 600 });
    assert.ok(md.length <= resourcesAt + 600, `${md.length} > ${resourcesAt + 600}`);
    assert.match(md, /\| Stack \| Migration \| Environment \|/, "the summary table stays");
    assert.match(md, /### Policy violations/);
    assert.match(md, /### Components and data flow/, "the diagrams still fit");
    assert.match(md, /> the resource lists was left out to stay under GitHub's 65,536-character comment limit/);
    assert.doesNotMatch(md, /<details>/);
  });

  it("drops the diagrams too when even they do not fit, and never exceeds the limit", () => {
    const full = renderMarkdown(report);
    const diagramsAt = full.indexOf("\n\n### Components and data flow");
    const limit = diagramsAt + 500;
    const md = renderMarkdown(report, { maxLength: limit });
    assert.ok(md.length <= limit);
    assert.doesNotMatch(md, /```mermaid/);
    assert.match(md, /the diagrams, the resource lists were left out/);
    const tiny = renderMarkdown(report, { maxLength: 700 });
    assert.ok(tiny.length <= 700, "even the head is cut to the limit");
    assert.match(tiny, /^## dms-platform plan/);
  });
});
