import type { PreflightReport } from "./preflight.js";
import type { TableStatus, ValidateReport } from "./validate.js";

const STATUS_LABEL = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;

/** Human text for a preflight report: one block per check, the fix and the document under a failure. */
export function formatPreflightText(report: PreflightReport): string {
  const lines = [
    `preflight ${report.source.connection} (${report.source.engine} ${report.source.version}, ${report.source.managed}; ${report.migrationType})`,
  ];
  for (const check of report.checks) {
    lines.push(`  ${STATUS_LABEL[check.status]}  ${check.title}: ${check.reason}`);
    if (check.status !== "pass" && check.fix) lines.push(`        fix:  ${check.fix}`);
    if (check.status !== "pass" && check.docs) lines.push(`        docs: ${check.docs}`);
  }
  const { pass, warn, fail } = report.summary;
  lines.push(`${pass} passed, ${warn} warning${warn === 1 ? "" : "s"}, ${fail} failed`);
  return `${lines.join("\n")}\n`;
}

const TABLE_LABEL: Record<TableStatus, string> = {
  match: "MATCH",
  "count-mismatch": "COUNT MISMATCH",
  "content-mismatch": "CONTENT MISMATCH",
  "columns-mismatch": "COLUMNS MISMATCH",
  missing: "MISSING",
};

/** Human text for a validate report: one line per table, then the verdict. */
export function formatValidateText(report: ValidateReport): string {
  const lines = [`validate ${report.source} -> ${report.target}`];
  // A table the mapping renames shows both names: dmslab.customers -> shop.clients.
  const name = (t: ValidateReport["tables"][number]) =>
    t.targetTable && t.targetTable !== t.table ? `${t.table} -> ${t.targetTable}` : t.table;
  const width = Math.max(0, ...report.tables.map((t) => name(t).length));
  for (const t of report.tables) {
    lines.push(`  ${TABLE_LABEL[t.status].padEnd(16)} ${name(t).padEnd(width)}  ${t.detail}`);
  }
  const { tables, match, mismatch } = report.summary;
  lines.push(
    `${tables} table${tables === 1 ? "" : "s"}: ${match} match, ${mismatch} mismatch${report.ok ? "" : " (not ready for cutover)"}`,
  );
  return `${lines.join("\n")}\n`;
}
