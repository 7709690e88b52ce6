import type { GraphResource } from "@dms-platform/offline";
import { actualChanges, changedKeyLines, changeSummaryLine, OP_MARKERS } from "./render-change.js";
import { dashboardSection } from "./render-dashboards.js";
import { type PlanReport, planLabel, type StackPlan, summarize } from "./run-plan.js";
import { taskWarnings } from "./task-warnings.js";
import { resourceTree, STACK_REFERENCE_TYPE, STACK_TYPE, shortType, topLevelOwners, walkTree } from "./tree.js";

/** Escape text for a Markdown table cell (pipes, newlines, HTML). */
function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

/** A mermaid node label: quotes and angle brackets as entities. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");

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

function violationTables(plans: StackPlan[]): string[] {
  const lines: string[] = [];
  for (const [level, title] of [
    ["mandatory", "❌ Mandatory"],
    ["advisory", "⚠️ Advisory"],
  ] as const) {
    const rows: string[] = [];
    for (const plan of plans) {
      for (const v of plan.violations.filter((x) => x.enforcementLevel === level)) {
        const r = v.urn ? plan.graph.resources.find((x) => x.urn === v.urn) : undefined;
        const where = r ? `${code(r.name)} (${shortType(r.type)})` : v.urn ? code(v.urn) : "the stack";
        rows.push(`| ${planLabel(plan)} | ${plan.environment} | ${code(v.policy)} | ${where} | ${cell(v.message)} |`);
      }
    }
    if (rows.length === 0) continue;
    lines.push(
      "",
      `#### ${title} (${rows.length})`,
      "",
      "| Stack | Env | Policy | Resource | Message |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    );
  }
  return lines.length > 0 ? lines : ["", "No policy violations."];
}

/**
 * A flowchart per environment: each stack a subgraph of its top-level resources (components,
 * mostly), an arrow wherever one depends on another's outputs, and an arrow from a referenced
 * stack to what reads it through a StackReference.
 */
function mermaid(plans: StackPlan[]): string[] {
  const lines = ["```mermaid", "flowchart LR"];
  const planned = new Set(plans.map((p) => p.stack));
  const edges = new Set<string>();
  const external = new Set<string>();
  for (const plan of plans) {
    const owners = topLevelOwners(plan.graph);
    const sub = id(planLabel(plan), plan.environment);
    // The engine reads a StackReference (ReadResource) rather than registering it, so it is not in
    // the graph; what depends on it names its urn (`...::pulumi:pulumi:StackReference::<name>`).
    const refTargetOf = (urn: string): string | undefined => {
      const parts = urn.split("::");
      return parts[2] === STACK_REFERENCE_TYPE ? plan.references[parts.slice(3).join("::")] : undefined;
    };
    const top = plan.graph.resources.filter(
      (r) => r.type !== STACK_TYPE && r.type !== STACK_REFERENCE_TYPE && owners.get(r.urn) === r,
    );
    lines.push(`  subgraph ${sub}["${label(`${planLabel(plan)} (${plan.environment})`)}"]`);
    // Node ids by position: logical names are unique per type only.
    const nodeIds = new Map(top.map((r, i) => [r.urn, id(sub, `n${i}`)]));
    for (const r of top) lines.push(`    ${nodeIds.get(r.urn)}["${label(r.name)}<br/>${label(shortType(r.type))}"]`);
    lines.push("  end");
    const nodeOf = (r: GraphResource | undefined) => (r ? nodeIds.get(r.urn) : undefined);
    const readers = new Map<string, Set<string>>();
    for (const r of plan.graph.resources) {
      const to = nodeOf(owners.get(r.urn));
      if (!to || r.type === STACK_REFERENCE_TYPE) continue;
      const deps = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
      for (const dep of deps) {
        const target = refTargetOf(dep);
        if (target) {
          const set = readers.get(target) ?? new Set<string>();
          set.add(to);
          readers.set(target, set);
          continue;
        }
        const from = nodeOf(owners.get(dep));
        if (from && from !== to) edges.add(`  ${from} --> ${to}`);
      }
    }
    for (const target of new Set(Object.values(plan.references))) {
      const from = id(target, plan.environment);
      if (!planned.has(target)) external.add(`  ${from}[("${label(`${target} (${plan.environment})`)}")]`);
      const to = readers.get(target);
      if (!to || to.size === 0) edges.add(`  ${from} -- "outputs" --> ${sub}`);
      for (const node of to ?? []) edges.add(`  ${from} -- "outputs" --> ${node}`);
    }
  }
  lines.push(...external, ...edges, "```");
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
  const head = [
    "## dms-platform plan",
    "",
    mandatory > 0
      ? `❌ **${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}**: these changes cannot be applied.`
      : "✅ **No mandatory policy violation.**",
    "",
    ...summaryTable(report.plans),
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

const OP_TITLES = { create: "create", update: "update", replace: "replace", delete: "delete", same: "same" } as const;

function changeSummaryTable(plans: StackPlan[]): string[] {
  const lines = [
    "| Stack | Migration | Environment | Create | Update | Replace | Delete | Unchanged | Problems | Mandatory |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const plan of plans) {
    const s = summarize(plan);
    const n = (v: number | undefined) => String(v ?? 0);
    lines.push(
      `| ${plan.stack} | ${plan.migration === undefined ? "–" : cell(plan.migration)} | ${plan.environment} | ${n(s.create)} | ${n(s.update)} | ${s.replace ? `**${s.replace}**` : "0"} | ${s.delete ? `**${s.delete}**` : "0"} | ${n(s.same)} | ${s.problems ? `❌ ${s.problems}` : "0"} | ${s.mandatory > 0 ? `❌ ${s.mandatory}` : "0"} |`,
    );
  }
  return lines;
}

/**
 * The pull-request comment against deployed state (`--base`, `--state`): what the change does,
 * not the whole plan. Verdict, counts per stack, the problems that fail `up`, the DMS impact, the
 * policy verdict and what preview cannot decide come first; the changed resources per stack
 * follow as long as they fit in the comment.
 */
function renderChangeMarkdown(report: PlanReport, maxLength: number): string {
  const problems = report.plans.flatMap((plan) =>
    (plan.change ? actualChanges(plan.change) : []).flatMap((c) =>
      c.problems.map((m) => `- **${planLabel(plan)} (${plan.environment})** ${code(c.name)}: ${cell(m)}`),
    ),
  );
  const mandatory = report.plans.reduce((n, p) => n + summarize(p).mandatory, 0);
  const impact = report.plans.flatMap((plan) =>
    (plan.change?.changes ?? []).flatMap((c) =>
      c.impactWords.map(
        (w) =>
          `- **${planLabel(plan)} (${plan.environment})** ${code(c.name)}${c.impact.length > 0 ? ` (${c.impact.join(", ")})` : ""}: ${cell(w)}`,
      ),
    ),
  );
  const undecided = report.plans.flatMap((plan) =>
    (plan.change?.undecided ?? []).map((u) => {
      const r = u.urn ? plan.graph.resources.find((x) => x.urn === u.urn) : undefined;
      return `- **${planLabel(plan)} (${plan.environment})** ${code(u.policy)} on ${r ? code(r.name) : "the stack"}${u.violated ? " ❌ fails with the values this plan knows" : ""}`;
    }),
  );
  const verdict =
    problems.length > 0 || mandatory > 0
      ? `❌ **${[problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? "" : "s"} \`pulumi up\` would fail on` : "", mandatory > 0 ? `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}` : ""].filter(Boolean).join(", ")}**: this change cannot be applied as it is.`
      : "✅ **No problem and no mandatory policy violation.**";
  const head = [
    "## dms-platform plan: the change",
    "",
    verdict,
    "",
    ...changeSummaryTable(report.plans),
    ...(problems.length > 0 ? ["", "### ❌ Problems (`pulumi up` would fail)", "", ...problems] : []),
    ...(impact.length > 0 ? ["", "### DMS impact", "", ...impact] : []),
    "",
    "### Policy violations",
    ...violationTables(report.plans),
    ...(undecided.length > 0
      ? ["", "### Mandatory policies `pulumi preview` cannot decide (decided during `up`)", "", ...undecided]
      : []),
  ].join("\n");
  const sections: string[] = [];
  for (const plan of report.plans) {
    if (!plan.change) continue;
    const rows = actualChanges(plan.change).map((c) => {
      const keys = changedKeyLines(c).map(cell).join("<br>");
      return `| ${OP_MARKERS[c.op].trim()} ${OP_TITLES[c.op]} | ${code(c.name)} | ${code(c.type)} | ${keys || cell(c.diff.join(", "))} |`;
    });
    sections.push(
      [
        "",
        `#### ${planLabel(plan)} (${plan.environment}): ${changeSummaryLine(plan.change.counts)}`,
        "",
        `Against ${plan.change.stateFile ? code(plan.change.stateFile) : "no state (the stack is not deployed)"}.`,
        ...(rows.length > 0
          ? ["", "| Op | Resource | Type | Changes |", "| --- | --- | --- | --- |", ...rows]
          : ["", "No change."]),
      ].join("\n"),
    );
  }
  const note =
    "\n\n> Some stacks' changed resources were left out to stay under GitHub's comment limit: `npm run plan -- --format markdown --out DIR` writes one file per stack × environment.";
  let out = head.length + note.length > maxLength ? `${head.slice(0, maxLength - note.length - 2)}\n…` : head;
  out += "\n\n### Changes";
  let left = false;
  for (const section of sections) {
    if (!left && out.length + section.length + note.length <= maxLength) out += section;
    else left = true;
  }
  if (left) out += note;
  return `${out}\n`;
}
