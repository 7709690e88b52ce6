import { join } from "node:path";
import { type ClassifiedKey, PROMOTIONS, STACK_PROMOTIONS, type StackPromotion } from "./promotable.js";

/** docs/promotion.md (this file runs from scripts/dist/promote). */
export const PROMOTION_DOCS_PATH = join(__dirname, "..", "..", "..", "docs", "promotion.md");

export const BEGIN_MARKER =
  "<!-- key-lists:begin: generated from scripts/src/promote/promotable.ts by `node scripts/dist/promote/generate-docs.js`; a test fails when it is stale -->";
export const END_MARKER = "<!-- key-lists:end -->";

const code = (s: string) => `\`${s}\``;

/** A Markdown table with its columns padded to their widest cell, as Biome formats Markdown. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const rows = (keys: readonly ClassifiedKey[]) => keys.map((k) => [code(k.path), k.what.replace(/\|/g, "\\|")]);

function stackSection(p: StackPromotion): string {
  return [
    `### ${p.stack}`,
    "",
    "Promoted (copied from the source environment; removed from the target when the source has none):",
    "",
    table(["Key", "What"], rows(p.promotable)),
    "",
    "Environment-specific (never read nor written by a promotion):",
    "",
    table(["Key", "What"], rows(p.environmentSpecific)),
  ].join("\n");
}

/** The generated part of docs/promotion.md: the allowed steps and, per stack, both key lists. */
export function renderKeyLists(): string {
  return [
    BEGIN_MARKER,
    "",
    `Allowed promotions: ${PROMOTIONS.map((p) => `${code(p.from)} -> ${code(p.to)}`).join(", ")}.`,
    "",
    ...STACK_PROMOTIONS.flatMap((p) => [stackSection(p), ""]),
    END_MARKER,
  ].join("\n");
}

/** `doc` with its generated part replaced by the current lists; throws when the markers are missing. */
export function withKeyLists(doc: string): string {
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (begin < 0 || end < begin)
    throw new Error(`docs/promotion.md: the markers ${BEGIN_MARKER} ... ${END_MARKER} are missing`);
  return `${doc.slice(0, begin)}${renderKeyLists()}${doc.slice(end + END_MARKER.length)}`;
}
