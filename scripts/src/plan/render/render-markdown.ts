import { type PlanReport, planLabel, type StackPlan, summarize } from "../report.js";
import { cell, code, literalSecretLines, violationTables } from "./markdown-tables.js";
import { dashboardSection } from "./render-dashboards.js";
import { renderChangeMarkdown } from "./render-markdown-change.js";
import { mermaid } from "./render-mermaid.js";
import { quotaMarkdownLines } from "./render-quotas.js";
import { taskWarnings } from "./task-warnings.js";
import { resourceTree, STACK_TYPE, walkTree } from "./tree.js";

function summaryTable(plans: StackPlan[]): string[] {
  const lines = [
    "| Stack | Migration | Environment | Resources | Mandatory | Advisory |",
    "| --- | --- | --- | ---: | ---: | ---: |",
  ];
  for (const plan of plans) {
    const s = summarize(plan);
    lines.push(
      `| ${plan.stack} | ${plan.migration === undefined ? "–" : cell(plan.migration)} | ${plan.environment} | ${s.resources} | ${s.mandatory > 0 ? `❌ ${s.mandatory}` : "0"} | ${s.advisory > 0 ? `⚠️ ${s.advisory}` : "0"} |`,
    );
  }
  return lines;
}

const TASK_TYPES = new Set(["aws:dms/replicationTask:ReplicationTask", "aws:dms/replicationConfig:ReplicationConfig"]);

/** The tables a task's mappings select (`schema.table`; `not schema.table` for an exclusion). */
function selectedTables(tableMappings: unknown): string {
  let doc: unknown = tableMappings;
  try {
    if (typeof doc === "string") doc = JSON.parse(doc);
  } catch {
    return "";
  }
  const rules = (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return "";
  return rules
    .filter((r) => r?.["rule-type"] === "selection")
    .map((r) => {
      const locator = (r["object-locator"] ?? {}) as Record<string, unknown>;
      const name = `${String(locator["schema-name"])}.${String(locator["table-name"])}`;
      return r["rule-action"] === "exclude" ? `not ${name}` : name;
    })
    .join(", ");
}

/**
 * The DMS tasks of a plan (replication tasks, or Serverless configs), by wave: the wave is the
 * task's `MigrationWave` tag (docs/migrations.md), the source the endpoint its ARN points at.
 */
function taskTable(plan: StackPlan): string[] {
  const endpointIds = new Map<unknown, string>();
  for (const r of plan.graph.resources) {
    if (r.type === "aws:dms/endpoint:Endpoint") endpointIds.set(r.outputs.endpointArn, String(r.inputs.endpointId));
  }
  const rows = plan.graph.resources
    .filter((r) => TASK_TYPES.has(r.type))
    .map((r) => {
      const tags = (r.inputs.tags ?? {}) as Record<string, unknown>;
      return {
        id: String(r.inputs.replicationTaskId ?? r.inputs.replicationConfigIdentifier ?? r.name),
        type: String(r.inputs.migrationType ?? r.inputs.replicationType ?? ""),
        wave: typeof tags.MigrationWave === "string" ? tags.MigrationWave : "",
        source: endpointIds.get(r.inputs.sourceEndpointArn) ?? "",
        tables: selectedTables(r.inputs.tableMappings),
      };
    })
    .sort((a, b) => Number(a.wave || 0) - Number(b.wave || 0) || a.id.localeCompare(b.id));
  if (rows.length === 0) return [];
  return [
    "",
    `#### ${planLabel(plan)} (${plan.environment})`,
    "",
    "| Task | Migration type | Wave | Source | Selected tables |",
    "| --- | --- | ---: | --- | --- |",
    ...rows.map(
      (t) =>
        `| ${code(t.id)} | ${cell(t.type)} | ${cell(t.wave || "–")} | ${t.source ? code(t.source) : "–"} | ${cell(t.tables)} |`,
    ),
  ];
}

function resourceList(plan: StackPlan): string[] {
  const s = summarize(plan);
  const lines = [
    "<details>",
    `<summary>${planLabel(plan)} (${plan.environment}): ${s.resources} resources</summary>`,
    "",
    "| Resource | Type | Options |",
    "| --- | --- | --- |",
  ];
  walkTree(resourceTree(plan.graph), (node, prefix) => {
    const r = node.resource;
    const name = r.type === STACK_TYPE ? `${plan.project}-${plan.stackName ?? plan.environment}` : r.name;
    const opts = [r.options.protect ? "protect" : "", r.options.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
    lines.push(`| ${prefix.replace(/ /g, "&nbsp;")}${code(name)} | ${code(r.type)} | ${opts.join(", ")} |`);
  });
  lines.push("", "</details>");
  return lines;
}

/** The document warnings of every plan's DMS tasks, one table (none when there are none). */
function warningTable(plans: StackPlan[]): string[] {
  const rows = plans.flatMap((plan) =>
    taskWarnings(plan.graph).map(
      (w) =>
        `| ${planLabel(plan)} | ${plan.environment} | ${code(w.task)} | ${code(`${w.document}: ${w.path || "(root)"}`)} | ${cell(w.message)} |`,
    ),
  );
  if (rows.length === 0) return [];
  return [
    "",
    `### ⚠️ Task document warnings (${rows.length})`,
    "",
    "DMS accepts these, but they are very likely mistakes.",
    "",
    "| Stack | Env | Task | Where | Warning |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

/** GitHub refuses a comment body over 65,536 characters; the sticky plan comment must fit. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * A pull-request comment: summary table, violations, tasks, dashboards, a diagram per environment, resources
 * folded. It never exceeds `maxLength` characters (GitHub's comment limit by default): the
 * summary and the violations always come first; what does not fit after them (resource lists
 * first, then diagrams, then dashboards, then tasks) is left out and the comment says so.
 */
export function renderMarkdown(report: PlanReport, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  if (report.plans.some((p) => p.change)) return renderChangeMarkdown(report, maxLength);
  const mandatory = report.plans.reduce((n, p) => n + summarize(p).mandatory, 0);
  const secrets = literalSecretLines(report.plans);
  const head = [
    "## dms-platform plan",
    "",
    mandatory > 0
      ? `❌ **${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}**: these changes cannot be applied.`
      : secrets.length > 0
        ? "❌ **Secrets in plain text**: these changes cannot be applied."
        : "✅ **No mandatory policy violation.**",
    "",
    ...summaryTable(report.plans),
    ...quotaMarkdownLines(report),
    ...secrets,
    "",
    "### Policy violations",
    ...violationTables(report.plans),
  ].join("\n");
  // Each section continues the previous line: "\n" + its lines, the first of them blank.
  const block = (lines: string[]) => `\n${lines.join("\n")}`;
  const sections: Array<{ what: string; text: string }> = [];
  const warnings = warningTable(report.plans);
  if (warnings.length > 0) sections.push({ what: "the task document warnings", text: block(warnings) });
  const tasks = report.plans.flatMap(taskTable);
  if (tasks.length > 0) sections.push({ what: "the task table", text: block(["", "### Tasks", ...tasks]) });
  const dashboards = dashboardSection(report.plans);
  if (dashboards.length > 0) {
    sections.push({ what: "the dashboards", text: block(["", "### Dashboards", ...dashboards]) });
  }
  const diagram = ["", "### Components and data flow"];
  const envs = [...new Set(report.plans.map((p) => p.environment))];
  for (const env of envs) {
    if (envs.length > 1) diagram.push("", `#### ${env}`);
    diagram.push("", ...mermaid(report.plans.filter((p) => p.environment === env)));
  }
  sections.push({ what: "the diagrams", text: block(diagram) });
  sections.push({ what: "the resource lists", text: "\n\n### Resources" });
  for (const plan of report.plans) {
    sections.push({ what: "the resource lists", text: block(["", ...resourceList(plan)]) });
  }

  // Reserve room for the note that says what was left out.
  const note = (left: string[]) =>
    `\n\n> ${[...new Set(left)].join(", ")} ${left.length === 1 ? "was" : "were"} left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: \`npm run plan -- --format markdown --out DIR\` writes one file per stack × environment.`;
  const reserve =
    note(["the task document warnings", "the task table", "the dashboards", "the diagrams", "the resource lists"])
      .length + 1;
  let out = head.length + reserve > maxLength ? `${head.slice(0, Math.max(0, maxLength - reserve - 2))}\n…` : head;
  const left: string[] = [];
  for (const section of sections) {
    if (left.includes(section.what)) continue;
    if (out.length + section.text.length + reserve <= maxLength) out += section.text;
    else left.push(section.what);
  }
  if (left.length > 0) out += note(left);
  return `${out}\n`;
}
