import type { TableRow } from "../status.js";
import type { ManifestEntry, TableFolder } from "./s3-lake.js";

/**
 * What `validate` (and `cutover-check`'s data condition) compares for a target it cannot read as a
 * database: a Redshift warehouse (row counts through the Redshift Data API; checksums are not
 * comparable across engines) or an S3 data lake (the files of each table, DMS's row counts against
 * the source's; the Parquet files are not read). Every report says what it compared and what not.
 */

export type AnalyticsTableStatus =
  /** Redshift: equal counts; S3: files present and DMS's rows equal the source's. */
  | "match"
  /** S3: files present; the counts could not be compared (no source, no DMS statistics). */
  | "files-present"
  /** S3: the source table is empty, so DMS writes no folder for it. */
  | "empty"
  | "count-mismatch"
  /** Redshift: the warehouse has no such table. */
  | "missing"
  /** S3: no full-load file in the table's folder. */
  | "no-full-load";

const PASSING = new Set<AnalyticsTableStatus>(["match", "files-present", "empty"]);

export interface AnalyticsTable {
  /** `schema.table` on the source (or as DMS names it). */
  table: string;
  /** `schema.table` on the warehouse, or the folder `<bucketFolder>/<schema>/<table>/` in the lake. */
  target: string;
  status: AnalyticsTableStatus;
  sourceRows?: number;
  /** Redshift: `COUNT(*)` on the warehouse (null: missing). */
  targetRows?: number | null;
  /** S3: DMS's counts for the table (DescribeTableStatistics) and the rows they add up to. */
  dmsRows?: { fullLoad: number; inserts: number; deletes: number; expected: number };
  /** S3: the table folder's files. */
  objects?: { fullLoad: number; cdc: number; bytes: number };
  detail: string;
}

export interface AnalyticsReport {
  command: "validate";
  targetKind: "redshift" | "s3";
  migration: string;
  /** The stack file the migration was read from. */
  file: string;
  /** The source as validate describes it, when it was read. */
  source?: string;
  /** `Redshift cluster ..., database ...` or `s3://bucket/folder/`. */
  target: string;
  /** What was compared, in words. */
  compared: string[];
  /** What was not compared, and why: said so nobody reads a pass as more than it is. */
  notCompared: string[];
  tables: AnalyticsTable[];
  summary: { tables: number; passed: number; failed: number };
  ok: boolean;
  /** S3: every object of the selected tables' folders (printed, or written to `manifestFile`). */
  manifest?: ManifestEntry[];
  manifestFile?: string;
  /** S3 with `manifestFile`: how many objects it lists. */
  manifestObjects?: number;
}

const n = (v: number) => v.toLocaleString("en-US");

export const REDSHIFT_COMPARED =
  "row counts: SELECT COUNT(*) of each selected table on the source, and on the warehouse through the Redshift Data API, under the name the task's transformation rules give it (Redshift folds names to lower case)";
export const REDSHIFT_NOT_COMPARED = [
  "content checksums: not comparable across engines: DMS converts types on the way to Redshift (a BLOB becomes VARCHAR, LOBs are cut at LobMaxSize, text and time values take Redshift's forms), so equal data would not give equal checksums; a row-level check is DMS data validation (the task's ValidationSettings, its state in `status`)",
  "counts move while changes replicate: compare while the source is quiet or the task is stopped after CDC caught up",
];
export const S3_NOT_COMPARED_FILES =
  "rows in the lake: the Parquet files are not read, so neither row counts nor checksums of the target are compared (for a row-level check turn on DMS S3 target validation, docs/analytics-targets.md)";

function summarize(tables: AnalyticsTable[]): Pick<AnalyticsReport, "summary" | "ok"> {
  const passed = tables.filter((t) => PASSING.has(t.status)).length;
  return {
    summary: { tables: tables.length, passed, failed: tables.length - passed },
    ok: tables.length > 0 && passed === tables.length,
  };
}

/** Judge a Redshift table: its source count against the warehouse's. Pure. */
export function judgeRedshiftTable(
  table: string,
  target: string,
  sourceRows: number,
  targetRows: number | null,
): AnalyticsTable {
  if (targetRows === null) {
    return {
      table,
      target,
      status: "missing",
      sourceRows,
      targetRows,
      detail: `the warehouse has no table ${target} (${n(sourceRows)} rows on the source)`,
    };
  }
  const equal = sourceRows === targetRows;
  return {
    table,
    target,
    status: equal ? "match" : "count-mismatch",
    sourceRows,
    targetRows,
    detail: equal
      ? `${n(sourceRows)} rows on both sides`
      : `${n(sourceRows)} rows on the source, ${n(targetRows)} on the warehouse`,
  };
}

/** Judge an S3 table folder against the source's count and DMS's statistics. Pure. */
export function judgeLakeTable(args: {
  table: string;
  folder: TableFolder;
  /** False when every task selecting it is CDC only (no full load is written). */
  fullLoadExpected: boolean;
  sourceRows?: number;
  dms?: Pick<TableRow, "fullLoadRows" | "inserts" | "deletes">;
}): AnalyticsTable {
  const { table, folder, sourceRows, dms } = args;
  const objects = { fullLoad: folder.fullLoadFiles, cdc: folder.cdcFiles, bytes: folder.bytes };
  const dmsRows = dms
    ? {
        fullLoad: dms.fullLoadRows,
        inserts: dms.inserts,
        deletes: dms.deletes,
        expected: dms.fullLoadRows + dms.inserts - dms.deletes,
      }
    : undefined;
  const files = `${n(folder.fullLoadFiles)} full-load file(s), ${n(folder.cdcFiles)} change file(s), ${n(folder.bytes)} bytes`;
  const base = {
    table,
    target: folder.prefix,
    objects,
    ...(sourceRows !== undefined ? { sourceRows } : {}),
    ...(dmsRows ? { dmsRows } : {}),
  };
  if (args.fullLoadExpected && folder.fullLoadFiles === 0) {
    if (sourceRows === 0 || (sourceRows === undefined && dmsRows?.expected === 0 && dmsRows.fullLoad === 0)) {
      return {
        ...base,
        status: "empty",
        detail: `no full-load file: the table is empty${sourceRows === 0 ? " on the source" : " (DMS loaded 0 rows)"}, and DMS writes no folder for an empty table; ${files}`,
      };
    }
    return {
      ...base,
      status: "no-full-load",
      detail: `no full-load file (LOAD*.parquet) under ${folder.prefix}${sourceRows !== undefined ? ` although the source has ${n(sourceRows)} rows` : ""}; ${files}`,
    };
  }
  const dmsText = dmsRows
    ? `DMS: ${n(dmsRows.fullLoad)} full-load rows + ${n(dmsRows.inserts)} inserts - ${n(dmsRows.deletes)} deletes = ${n(dmsRows.expected)}`
    : "DMS reports no statistics for it";
  if (sourceRows === undefined || !dmsRows) {
    return {
      ...base,
      status: "files-present",
      detail: `${files}; ${dmsText}${sourceRows === undefined ? "; source not counted" : `; source ${n(sourceRows)} rows`}`,
    };
  }
  const equal = sourceRows === dmsRows.expected;
  return {
    ...base,
    status: equal ? "match" : "count-mismatch",
    detail: `${files}; ${dmsText}, source ${n(sourceRows)} rows${equal ? "" : " (differ)"}`,
  };
}

export function analyticsReport(fields: Omit<AnalyticsReport, "command" | "summary" | "ok">): AnalyticsReport {
  return { command: "validate", ...fields, ...summarize(fields.tables) };
}

const LABEL: Record<AnalyticsTableStatus, string> = {
  match: "MATCH",
  "files-present": "FILES PRESENT",
  empty: "EMPTY",
  "count-mismatch": "COUNT MISMATCH",
  missing: "MISSING",
  "no-full-load": "NO FULL LOAD",
};

/** The lines that say what was and was not compared (validate's text and cutover-check's evidence). */
export function scopeLines(report: AnalyticsReport): string[] {
  return [...report.compared.map((c) => `compared: ${c}`), ...report.notCompared.map((c) => `NOT compared: ${c}`)];
}

/** One line per table: `dmslab.customers -> dmslab.customers: 3 rows on both sides`. */
export function tableLine(t: AnalyticsTable): string {
  return `${t.table} -> ${t.target}: ${t.detail}`;
}

/** Human text of an analytics validate report. */
export function formatAnalyticsText(report: AnalyticsReport, options: { manifest: boolean }): string {
  const lines = [
    `validate ${report.source ?? "(source not read)"} -> ${report.target}  (migration ${report.migration}, ${report.file})`,
    ...scopeLines(report).map((l) => `  ${l}`),
  ];
  const width = Math.max(0, ...report.tables.map((t) => t.table.length));
  for (const t of report.tables) {
    lines.push(`  ${LABEL[t.status].padEnd(15)} ${t.table.padEnd(width)} -> ${t.target}  ${t.detail}`);
  }
  const { tables, passed, failed } = report.summary;
  lines.push(
    `${tables} table${tables === 1 ? "" : "s"}: ${passed} passed, ${failed} failed${report.ok ? "" : " (not ready for cutover)"}`,
  );
  if (report.manifestFile)
    lines.push(`manifest: ${report.manifestObjects ?? 0} object(s) written to ${report.manifestFile}`);
  else if (options.manifest && report.manifest) {
    lines.push(`manifest (${report.manifest.length} object(s)): key, size, ETag, LastModified`);
    for (const e of report.manifest) lines.push(`  ${e.key}  ${e.size}  ${e.etag}  ${e.lastModified}`);
  }
  return `${lines.join("\n")}\n`;
}
