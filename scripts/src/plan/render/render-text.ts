import { displayValue, type Violation } from "@dms-platform/offline";
import { type PlanReport, planLabel, type StackPlan, summarize } from "../report.js";
import type { PlanChange } from "../state/change.js";
import { actualChanges, changedKeyLines, changeSummaryLine, impactLines, OP_MARKERS } from "./render-change.js";
import { quotaTextLines } from "./render-quotas.js";
import { taskWarnings } from "./task-warnings.js";
import { resourceLabel, resourceTree, walkTree } from "./tree.js";

/** ANSI styles, or identity functions when colour is off. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(color: boolean): Palette {
  if (!color) return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain };
  return { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
}

/**
 * Whether to colour a stream: only a terminal, and never when NO_COLOR is set to a non-empty value
 * (https://no-color.org).
 */
export function useColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

function options(plan: StackPlan, urn: string): string {
  const r = plan.graph.resources.find((x) => x.urn === urn);
  if (!r) return "";
  const flags: string[] = [];
  if (r.options.protect) flags.push("protect");
  if (r.options.retainOnDelete) flags.push("retainOnDelete");
  return flags.join(", ");
}

function marker(op: keyof typeof OP_MARKERS, p: Palette): string {
  const m = OP_MARKERS[op].padEnd(2);
  if (op === "create") return p.green(m);
  if (op === "update") return p.yellow(m);
  if (op === "replace" || op === "delete") return p.red(m);
  return m;
}

function renderTree(plan: StackPlan, p: Palette): string[] {
  const change = plan.change;
  const byUrn = new Map(change?.changes.map((c) => [c.urn, c]) ?? []);
  const rows: Array<{ type: string; name: string; info: string; component: boolean; mark: string; keys: string[] }> =
    [];
  // A destroy runs no program: only the state's resources, deleted in order, are shown.
  walkTree(resourceTree(change?.destroy ? { ...plan.graph, resources: [] } : plan.graph), (node, prefix) => {
    const r = node.resource;
    const name = r.type === "pulumi:pulumi:Stack" ? `${plan.project}-${plan.stackName ?? plan.environment}` : r.name;
    const c = byUrn.get(r.urn);
    const diff = c && c.op !== "same" && c.diff.length > 0 ? `[diff: ${c.diff.map((k) => `~${k}`).join(", ")}]` : "";
    rows.push({
      type: `${prefix}${r.type}`,
      name,
      info: [
        diff,
        c?.op === "replace" ? (c.deleteBeforeReplace ? "delete-before-replace" : "replace") : "",
        options(plan, r.urn),
      ]
        .filter(Boolean)
        .join("  "),
      component: !r.custom,
      mark: change ? marker(c?.op ?? "create", p) : p.green("+ "),
      keys: c ? changedKeyLines(c) : [],
    });
  });
  for (const c of change?.changes.filter((x) => x.op === "delete") ?? []) {
    rows.push({
      type: `└─ ${c.type}`,
      name: c.name,
      info: c.old?.protect ? "protect" : "",
      component: !(c.old?.custom ?? true),
      mark: marker("delete", p),
      keys: [],
    });
  }
  const typeWidth = Math.max(4, ...rows.map((r) => r.type.length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const lines = [`     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Info`.trimEnd()];
  for (const row of rows) {
    const type = row.type.padEnd(typeWidth);
    const head = ` ${row.mark}  ${row.component ? p.bold(type) : type}  `;
    lines.push(row.info ? `${head}${row.name.padEnd(nameWidth)}  ${p.dim(row.info)}` : `${head}${row.name}`);
    for (const key of row.keys) lines.push(`${" ".repeat(6 + typeWidth)}${p.dim(key)}`);
  }
  return lines;
}

/** Against state: the summary line, the DMS impact, the problems and what preview cannot decide. */
function renderChange(plan: StackPlan, change: PlanChange, p: Palette): string[] {
  const lines = [
    "Resources:",
    `    ${changeSummaryLine(change.counts)}  ${p.dim(`(against ${change.stateFile ?? "no state: the stack is not deployed"})`)}`,
    "",
  ];
  const impact = impactLines(change);
  if (impact.length > 0) {
    lines.push("DMS impact:");
    for (const line of impact) lines.push(`    ${p.yellow("!")} ${line}`);
    lines.push("");
  }
  const destroy = change.destroy;
  if (destroy) {
    const list = (title: string, items: string[]) => {
      if (items.length === 0) return;
      lines.push(`${title} (${items.length}):`);
      for (const item of items) lines.push(`    ${item}`);
      lines.push("");
    };
    list("Retained (left in AWS, removed from the stack)", destroy.retained);
    list("Protected (`pulumi destroy` refuses)", destroy.protected);
    list("Deletion protection (AWS refuses the delete)", destroy.deletionProtection);
    list("A re-create of this stack would collide with", destroy.collisions);
  }
  const problems = actualChanges(change).flatMap((c) => c.problems);
  if (problems.length > 0) {
    lines.push(p.red(`Problems (${problems.length}): \`pulumi ${destroy ? "destroy" : "up"}\` would fail`));
    for (const problem of problems) lines.push(`    ${p.red("✗")} ${problem}`);
    lines.push("");
  }
  if (change.undecided.length > 0) {
    lines.push(
      "Mandatory policies `pulumi preview` cannot decide (a value is unknown until apply; decided during `up`):",
    );
    for (const u of change.undecided) {
      lines.push(
        `    ${u.violated ? p.red("✗") : "?"} ${p.bold(u.policy)}  ${p.dim(`(${resourceLabel(plan.graph, u.urn)})`)}${u.violated ? p.red("  fails with the values this plan knows") : ""}`,
      );
    }
    lines.push("");
  }
  return lines;
}

/** The credentials the program writes in plain text (exit 1), when there are any. */
function renderLiteralSecrets(plan: StackPlan, p: Palette): string[] {
  const secrets = plan.literalSecrets ?? [];
  if (secrets.length === 0) return [];
  const lines = [
    p.red(`Secrets in plain text (${secrets.length}): \`pulumi up\` would store them in the program or stack file`),
  ];
  for (const s of secrets) lines.push(`    ${p.red("✗")} ${s.message}`);
  lines.push("");
  return lines;
}

function renderViolations(plan: StackPlan, p: Palette): string[] {
  const lines = [`Policies (${plan.policyConfigFile}):`];
  if (plan.violations.length === 0) {
    lines.push(`    ${p.green("no violations")}`);
    return lines;
  }
  const groups: Array<["mandatory" | "advisory", (s: string) => string, string]> = [
    ["mandatory", p.red, "✗"],
    ["advisory", p.yellow, "!"],
  ];
  for (const [level, colour, mark] of groups) {
    const vs: Violation[] = plan.violations.filter((v) => v.enforcementLevel === level);
    if (vs.length === 0) continue;
    lines.push(`    ${colour(`${level} (${vs.length})`)}`);
    for (const v of vs) {
      lines.push(`      ${colour(mark)} ${p.bold(v.policy)}  ${p.dim(`(${resourceLabel(plan.graph, v.urn)})`)}`);
      for (const line of v.message.split("\n")) lines.push(`          ${line}`);
    }
  }
  return lines;
}

/** The document warnings of the plan's DMS tasks, when there are any. */
function renderTaskWarnings(plan: StackPlan, p: Palette): string[] {
  const warnings = taskWarnings(plan.graph);
  if (warnings.length === 0) return [];
  const lines = ["", `Task document warnings (${warnings.length}):`];
  for (const w of warnings) {
    lines.push(`    ${p.yellow("!")} ${p.bold(w.task)}  ${w.document}: ${w.path || "(root)"}: ${w.message}`);
  }
  return lines;
}

/** One stack × env as `pulumi preview` would show it, followed by the policy verdict. */
export function renderStackText(plan: StackPlan, p: Palette): string {
  const s = summarize(plan);
  const components = plan.graph.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack").length;
  const custom = plan.graph.resources.filter((r) => r.custom).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const lines = [
    p.bold(`${planLabel(plan)} (${plan.environment})`) +
      p.dim(`  ${plan.project}/${plan.stackName ?? plan.environment}  ${plan.configFile}`),
    "",
    ...renderTree(plan, p),
    "",
  ];
  const outputs = Object.entries((plan.change?.preview ?? plan.graph).outputs);
  if (outputs.length > 0) {
    lines.push("Outputs:");
    const width = Math.max(...outputs.map(([k]) => k.length));
    for (const [k, v] of outputs) lines.push(`    ${`${k}:`.padEnd(width + 1)} ${JSON.stringify(displayValue(v))}`);
    lines.push("");
  }
  if (plan.graph.diagnostics.length > 0) {
    lines.push("Diagnostics:");
    for (const d of plan.graph.diagnostics) {
      const where = d.urn ? ` ${p.dim(`(${resourceLabel(plan.graph, d.urn)})`)}` : "";
      lines.push(
        `    ${d.severity === "error" ? p.red(d.severity) : p.yellow(d.severity)}: ${d.message.trim()}${where}`,
      );
    }
    lines.push("");
  }
  if (plan.change) {
    lines.push(
      ...renderChange(plan, plan.change, p),
      ...renderLiteralSecrets(plan, p),
      ...renderViolations(plan, p),
      ...renderTaskWarnings(plan, p),
    );
  } else {
    lines.push(
      "Resources:",
      `    ${p.green(`+ ${s.resources} to create`)} ${p.dim(`(${plural(components, "component")}, ${plural(custom, "cloud resource")}, the stack)`)}`,
      "",
      ...renderLiteralSecrets(plan, p),
      ...renderViolations(plan, p),
      ...renderTaskWarnings(plan, p),
    );
  }
  return lines.join("\n");
}

/** Several plans: each in turn, then a summary table. */
export function renderText(report: PlanReport, p: Palette): string {
  const sections = report.plans.map((plan) => renderStackText(plan, p));
  if (report.plans.length > 1) {
    const rows = report.plans.map((plan) => ({ plan, s: summarize(plan) }));
    const w = Math.max(5, ...rows.map((r) => r.plan.stack.length));
    const m = Math.max(9, ...rows.map((r) => (r.plan.migration ?? "-").length));
    const lines = [
      "Summary:",
      `    ${"stack".padEnd(w)}  ${"migration".padEnd(m)}  env   resources  mandatory  advisory`,
    ];
    for (const { plan, s } of rows) {
      const mandatory = String(s.mandatory).padStart(9);
      lines.push(
        `    ${plan.stack.padEnd(w)}  ${(plan.migration ?? "-").padEnd(m)}  ${plan.environment.padEnd(4)}  ${String(s.resources).padStart(9)}  ${s.mandatory > 0 ? p.red(mandatory) : mandatory}  ${String(s.advisory).padStart(8)}`,
      );
    }
    sections.push(lines.join("\n"));
  }
  const quotas = quotaTextLines(report, p.red, p.yellow);
  if (quotas.length > 0) sections.push(quotas.join("\n"));
  return `${sections.join("\n\n")}\n`;
}
