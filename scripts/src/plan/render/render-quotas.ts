import type { PlanReport } from "../report.js";
import { cell } from "./markdown-tables.js";

/** The fleet's DMS quota findings as text lines (none when the fleet is well under every quota). */
export function quotaTextLines(
  report: PlanReport,
  red: (s: string) => string,
  yellow: (s: string) => string,
): string[] {
  const quotas = report.quotas;
  if (!quotas || (quotas.findings.length === 0 && quotas.unplaced.length === 0)) return [];
  const over = quotas.findings.filter((f) => f.level === "problem");
  return [
    over.length > 0
      ? red(`DMS quotas (${over.length} over): \`pulumi up\` would fail`)
      : "DMS quotas (per account and region, DMS User Guide, Quotas):",
    ...quotas.findings.map((f) => `    ${f.level === "problem" ? red("✗") : yellow("!")} ${f.message}`),
    ...quotas.unplaced.map((u) => `    ${yellow("!")} ${u}`),
  ];
}

/** The same, as a Markdown section of the report's head. */
export function quotaMarkdownLines(report: PlanReport): string[] {
  const quotas = report.quotas;
  if (!quotas || (quotas.findings.length === 0 && quotas.unplaced.length === 0)) return [];
  const over = quotas.findings.filter((f) => f.level === "problem");
  return [
    "",
    over.length > 0 ? `### ❌ DMS quotas (${over.length} over: \`pulumi up\` would fail)` : "### ⚠️ DMS quotas",
    "",
    ...quotas.findings.map((f) => `- ${f.level === "problem" ? "❌" : "⚠️"} ${cell(f.message)}`),
    ...quotas.unplaced.map((u) => `- ⚠️ ${cell(u)}`),
  ];
}
