import { planLabel, type StackPlan } from "../report.js";
import { shortType } from "./tree.js";

/** Escape text for a Markdown table cell (pipes, newlines, HTML). */
export function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

export function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

/** The credentials the plans write in plain text, as a section (none when there are none). */
export function literalSecretLines(plans: StackPlan[]): string[] {
  const rows = plans.flatMap((plan) =>
    (plan.literalSecrets ?? []).map((s) => `- **${planLabel(plan)} (${plan.environment})** ${cell(s.message)}`),
  );
  if (rows.length === 0) return [];
  return ["", `### ❌ Secrets in plain text (${rows.length})`, "", ...rows];
}

/** A table of violations per enforcement level (mandatory, then advisory), or that there are none. */
export function violationTables(plans: StackPlan[]): string[] {
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
