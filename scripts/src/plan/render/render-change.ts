import { displayValue } from "@dms-platform/offline";
import type { ChangeCounts, PlanChange, PlannedChange } from "../state/change.js";

/** The marker `pulumi preview` puts before a resource for each operation. */
export const OP_MARKERS = { create: "+", update: "~", replace: "+-", delete: "-", same: " " } as const;

/** `2 to create, 1 to update, 0 to replace, 0 to delete, 57 unchanged`. */
export function changeSummaryLine(counts: ChangeCounts): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.delete} to delete, ${counts.same} unchanged`;
}

/** A value as one short line: secrets "[secret]", unknowns "[unknown]", long values cut. */
export function shortValue(value: unknown, max = 60): string {
  if (value === undefined) return "(unset)";
  const shown = displayValue(value);
  const text = typeof shown === "string" ? JSON.stringify(shown) : JSON.stringify(shown);
  const plain = text === '"[secret]"' || text === '"[unknown]"' ? text.slice(1, -1) : text;
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function parseDocument(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Leaf paths where two JSON values differ (`rules[1]`, `FullLoadSettings.TargetTablePrepMode`). */
function documentPaths(a: unknown, b: unknown, path: string, out: Array<[string, unknown, unknown]>): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (v: unknown) => typeof v === "object" && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      documentPaths(ra[k], rb[k], sub, out);
    }
    return;
  }
  out.push([path, a, b]);
}

/**
 * One line per changed input key of an update or replacement: `key: old → new`; for a JSON
 * document (table mappings, task settings, policies) the paths inside it that change.
 */
export function changedKeyLines(c: PlannedChange): string[] {
  if (c.op !== "update" && c.op !== "replace") return [];
  const oldInputs = c.old?.inputs ?? {};
  const newInputs = c.new?.inputs ?? {};
  return c.diff.flatMap((key) => {
    const forces = c.replaceKeys.some((k) => k === key || k.startsWith(`${key}.`)) ? " (forces replacement)" : "";
    if (c.unknownKeys.includes(key)) return [`${key}: ${shortValue(oldInputs[key])} → [unknown]${forces}`];
    const before = parseDocument(oldInputs[key]);
    const after = parseDocument(newInputs[key]);
    if (before !== undefined && after !== undefined) {
      const paths: Array<[string, unknown, unknown]> = [];
      documentPaths(before, after, "", paths);
      const shown = paths.slice(0, 3).map(([p, a, b]) => `${key} ${p}: ${shortValue(a)} → ${shortValue(b)}${forces}`);
      return paths.length > 3 ? [...shown, `${key}: ${paths.length - 3} more change(s)`] : shown;
    }
    return [`${key}: ${shortValue(oldInputs[key])} → ${shortValue(newInputs[key])}${forces}`];
  });
}

/** The changes that do something (not `same`), in order. */
export function actualChanges(change: PlanChange): PlannedChange[] {
  return change.changes.filter((c) => c.op !== "same");
}

/** The DMS impact lines of a change set: `task customers: stops task ..., ...`. */
export function impactLines(change: PlanChange): string[] {
  return change.changes.flatMap((c) => c.impactWords.map((w) => `${c.name}: ${w}`));
}
