import type { CutoverReport } from "./cutover.js";
import type { LatencyJudgement } from "./latency.js";
import type { MigrationStatus, TableRow, TaskStatus } from "./status.js";

/** How `status` and `cutover-check` print: text for people, Markdown for a ticket or PR, JSON for machines. */

const count = (v: number) => v.toLocaleString("en-US");
const latency = (l: LatencyJudgement) =>
  l.state === "unavailable"
    ? "UNAVAILABLE"
    : l.state === "no-data"
      ? `NO DATA${l.max !== undefined ? ` (last ${l.last} s at ${l.lastAt?.slice(11, 16)} UTC, stale)` : ""}`
      : `max ${l.max} s, last ${l.last ?? "?"} s (${l.points} period(s))${l.state === "over" ? " OVER" : ""}`;

function headline(t: TaskStatus): string {
  if (!t.found) return "NOT FOUND";
  const stop = t.status === "stopped" && t.stopReason ? ` (${t.stopReason})` : "";
  const unknown = t.verdict === "unknown" ? " (UNKNOWN STATUS)" : "";
  return `${t.status ?? "no status"}${unknown}${stop}`;
}

/** `tables 3 in trouble of 1,200`: the count over every table, whatever the text shows. */
function tableHeadline(t: TaskStatus): string {
  if (t.tablesUnavailable) return "tables UNAVAILABLE";
  if (t.tableCounts.total === 0) return "no tables";
  return t.tableCounts.troubled > 0
    ? `tables: ${count(t.tableCounts.troubled)} in trouble of ${count(t.tableCounts.total)}`
    : `tables: ${count(t.tableCounts.total)}, none in trouble`;
}

/** Every troubled table, then the others up to `max` rows in all. */
export function shownTables(tables: readonly TableRow[], max: number): TableRow[] {
  const troubled = tables.filter((r) => r.trouble);
  return [...troubled, ...tables.filter((r) => !r.trouble).slice(0, Math.max(0, max - troubled.length))];
}

function progress(t: TaskStatus): string | undefined {
  const p = t.progress;
  if (!p || t.migrationType === "cdc") return undefined;
  return `full load ${p.percent}%: ${p.tablesLoaded} loaded, ${p.tablesLoading} loading, ${p.tablesQueued} queued, ${p.tablesErrored} errored`;
}

/** A text progress bar of `width` cells. */
export function bar(percent: number, width = 20): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

export function formatStatusText(
  statuses: readonly MigrationStatus[],
  options: { maxTables?: number; latencyMinutes?: number } = {},
): string {
  const maxTables = options.maxTables ?? 20;
  const latencyMinutes = options.latencyMinutes ?? 15;
  const lines: string[] = [];
  for (const m of statuses) {
    lines.push(
      `${m.healthy ? "HEALTHY" : "UNHEALTHY"}  migration ${m.migration} (${m.environment}, ${m.capacity}, ${m.region})  ${m.file}`,
      `  CDC latency rule (the alarms'): ${m.latencyRule}`,
    );
    for (const t of m.tasks) {
      lines.push(
        `  task ${t.name}  ${t.identifier}  ${headline(t)}  [${t.migrationType}]  ${t.found ? tableHeadline(t) : ""}`.trimEnd(),
      );
      const p = progress(t);
      if (p && t.progress) lines.push(`    ${bar(t.progress.percent)} ${p}`);
      if (t.capacity && (t.capacity.state || t.capacity.units !== undefined)) {
        lines.push(`    capacity: ${t.capacity.state ?? "?"}, ${t.capacity.units ?? "?"} DCU`);
      }
      if (t.migrationType !== "full-load" && t.found) {
        lines.push(
          `    CDC latency (last ${latencyMinutes} min): source ${latency(t.latency.source)}; target ${latency(t.latency.target)}`,
        );
      }
      for (const problem of t.problems) lines.push(`    ! ${problem}`);
      for (const warning of t.warnings) lines.push(`    ~ ${warning}`);
      if (t.tables.length > 0) {
        lines.push(
          `    ${"table".padEnd(32)} ${"state".padEnd(18)} ${"validation".padEnd(18)} ${"full-load".padStart(10)} ${"ins".padStart(7)} ${"upd".padStart(7)} ${"del".padStart(7)}`,
        );
        const shown = shownTables(t.tables, maxTables);
        for (const r of shown) {
          const mark = r.trouble ? "!" : " ";
          lines.push(
            `   ${mark}${`${r.schema}.${r.table}`.padEnd(32)} ${r.state.padEnd(18)} ${r.validationState.padEnd(18)} ${count(r.fullLoadRows).padStart(10)} ${count(r.inserts).padStart(7)} ${count(r.updates).padStart(7)} ${count(r.deletes).padStart(7)}`,
          );
        }
        if (t.tables.length > shown.length)
          lines.push(
            `    … ${t.tables.length - shown.length} more table(s), none in trouble (--format json lists all)`,
          );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function formatStatusMarkdown(statuses: readonly MigrationStatus[]): string {
  const lines: string[] = [];
  for (const m of statuses) {
    lines.push(
      `### ${m.healthy ? "✅" : "❌"} ${md(m.migration)} (${m.environment})`,
      "",
      `Checked ${m.checkedAt} in ${m.region} (${m.capacity}); stack file \`${m.file}\`. CDC latency rule (the alarms'): ${md(m.latencyRule)}.`,
      "",
      "| Task | Status | Tables | Full load | CDC latency source | CDC latency target | Problems |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const t of m.tasks) {
      lines.push(
        `| \`${t.identifier}\` | ${md(headline(t))} | ${t.found ? md(tableHeadline(t)) : "–"} | ${t.progress && t.migrationType !== "cdc" ? `${t.progress.percent}%` : "–"} | ${latency(t.latency.source)} | ${latency(t.latency.target)} | ${md([...t.problems, ...t.warnings].join("; ")) || "–"} |`,
      );
    }
    for (const t of m.tasks.filter((x) => x.tables.length > 0)) {
      lines.push(
        "",
        `<details><summary>${md(t.name)}: ${t.tables.length} table(s)</summary>`,
        "",
        "| Table | State | Validation | Full-load rows | Inserts | Updates | Deletes |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
        ...t.tables.map(
          (r) =>
            `| ${r.trouble ? "❌ " : ""}${md(`${r.schema}.${r.table}`)} | ${md(r.state)} | ${md(r.validationState)} | ${r.fullLoadRows} | ${r.inserts} | ${r.updates} | ${r.deletes} |`,
        ),
        "",
        "</details>",
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

export function formatCutoverText(report: CutoverReport): string {
  const lines = [
    `${report.ready ? "READY" : "NOT READY"} for cutover: migration ${report.migration} (${report.environment})  ${report.file}`,
  ];
  for (const c of report.conditions) {
    lines.push(`  ${c.outcome === "pass" ? "PASS" : c.outcome === "warn" ? "WARN" : "FAIL"}  ${c.title}`);
    for (const e of c.evidence) lines.push(`        ${e}`);
  }
  if (!report.ready) lines.push("", 'What to do for each failing condition: docs/runbook.md, "Cutover gate".');
  return `${lines.join("\n")}\n`;
}
