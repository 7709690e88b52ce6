import { writeFileSync } from "node:fs";
import type { DatabaseMigrationServiceClient } from "@aws-sdk/client-database-migration-service";
import type { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { S3Client } from "@aws-sdk/client-s3";
import { physicalName } from "@dms-platform/config";
import type { ConnectionOptions } from "../../live/connection.js";
import { mappingSelection, type SelectionRule, targetNameOf } from "../../live/selection.js";
import { countSourceTables, type SourceTableCount } from "../../live/source-counts.js";
import type { MigrationLiveDefaults } from "../../migrations/live-defaults.js";
import { AWS_MAX_ATTEMPTS } from "../aws.js";
import type { OperatedMigration } from "../migration.js";
import type { MigrationStatus, TableRow } from "../status.js";
import {
  type AnalyticsReport,
  type AnalyticsTable,
  analyticsReport,
  judgeLakeTable,
  judgeRedshiftTable,
  REDSHIFT_COMPARED,
  REDSHIFT_NOT_COMPARED,
  S3_NOT_COMPARED_FILES,
} from "./compare.js";
import { countWarehouseRows, type RedshiftCountOptions, redshiftDataClient, warehouseKey } from "./redshift-counts.js";
import { lakeLocation, listTableFolder, type ManifestEntry, tablePrefix } from "./s3-lake.js";
import { describeWarehouse, type WarehouseTarget } from "./warehouse.js";

/** The AWS clients of the comparisons (real ones, or the same classes under aws-sdk-client-mock). */
export interface AnalyticsClients {
  redshiftData(): RedshiftDataClient;
  s3(): S3Client;
  dms(): DatabaseMigrationServiceClient;
}

export function analyticsClients(region: string, dms: () => DatabaseMigrationServiceClient): AnalyticsClients {
  return {
    redshiftData: () => redshiftDataClient(region),
    s3: () => new S3Client({ region, retryMode: "adaptive", maxAttempts: AWS_MAX_ATTEMPTS }),
    dms,
  };
}

export interface AnalyticsCompareOptions {
  migration: Pick<OperatedMigration, "name" | "file" | "environment" | "application" | "tasks">;
  /** The tables the tasks select and their mappings (`resolveMigrationDefaults`). */
  defaults: Pick<MigrationLiveDefaults, "mappings" | "analyticsTarget">;
  /** The source to count; required for Redshift, optional for S3 (then `sourceMissing` says why not). */
  source?: ConnectionOptions;
  sourceMissing?: string;
  /** Redshift: where to count (`--warehouse`). */
  warehouse?: WarehouseTarget;
  /** S3: DMS's table statistics of the migration (`status`), for its row counts. */
  status?: MigrationStatus;
  clients: AnalyticsClients;
  /** S3: write the manifest here (`--out`) instead of carrying it in the report. */
  outFile?: { path: string; shownAs: string };
  redshift?: RedshiftCountOptions;
  /** `--tables`: count these source tables (DMS selection patterns) instead of the tasks' selection. */
  tables?: string;
  /** How the source is counted. @default countSourceTables (a MySQL/PostgreSQL connection, as validate's) */
  countSource?: typeof countSourceTables;
}

/** The source tables to count: `--tables`, or the tasks' own mappings (excludes and renames included). */
const selection = (options: AnalyticsCompareOptions) =>
  options.tables !== undefined ? { tables: options.tables } : { tableMappings: options.defaults.mappings };

/** Compare a migration whose target is Redshift: source and warehouse row counts. */
async function compareRedshift(options: AnalyticsCompareOptions): Promise<AnalyticsReport> {
  const warehouse = options.warehouse as WarehouseTarget;
  const counted = await (options.countSource ?? countSourceTables)({
    source: options.source as ConnectionOptions,
    ...selection(options),
  });
  const names = counted.tables.map((t) => t.target);
  const rows = await countWarehouseRows(options.clients.redshiftData(), warehouse, names, options.redshift);
  const tables = counted.tables.map((t) =>
    judgeRedshiftTable(
      t.table,
      `${t.target.schema}.${t.target.table}`.toLowerCase(),
      t.rows,
      rows.get(warehouseKey(t.target)) ?? null,
    ),
  );
  return analyticsReport({
    targetKind: "redshift",
    migration: options.migration.name,
    file: options.migration.file,
    source: counted.source,
    target: `${describeWarehouse(warehouse)} (${warehouse.file})`,
    compared: [REDSHIFT_COMPARED],
    notCompared: REDSHIFT_NOT_COMPARED,
    tables,
  });
}

/** The DMS statistics row of a table, by its source name (DMS reports source schema and table). */
function dmsRowOf(status: MigrationStatus | undefined, schema: string, table: string): TableRow | undefined {
  for (const task of status?.tasks ?? []) {
    const row = task.tables.find((r) => r.schema === schema && r.table === table);
    if (row) return row;
  }
  return undefined;
}

/** Compare a migration whose target is an S3 data lake: its table folders, and DMS's counts against the source's. */
async function compareLake(options: AnalyticsCompareOptions): Promise<AnalyticsReport> {
  const { migration } = options;
  const endpointId = physicalName("dms-endpoint", {
    environment: migration.environment,
    application: migration.application,
    purpose: "tgt",
  });
  const location = await lakeLocation(options.clients.dms(), endpointId);
  const rules: SelectionRule[] = options.defaults.mappings.flatMap(({ origin, mapping }) =>
    mappingSelection(mapping, origin, origin),
  );
  // The tables: the source's selection when the source is read, else those DMS reports.
  let source: { source: string; tables: SourceTableCount[] } | undefined;
  if (options.source) {
    source = await (options.countSource ?? countSourceTables)({ source: options.source, ...selection(options) });
  }
  const wanted: Array<{
    table: string;
    schema: string;
    name: string;
    target: { schema: string; table: string };
    rows?: number;
  }> = source
    ? source.tables.map((t) => ({
        table: t.table,
        schema: t.source.schema,
        name: t.source.table,
        target: t.target,
        rows: t.rows,
      }))
    : (options.status?.tasks ?? [])
        .flatMap((t) => t.tables)
        .map((r) => ({
          table: `${r.schema}.${r.table}`,
          schema: r.schema,
          name: r.table,
          target: targetNameOf(rules, { schema: r.schema, table: r.table }),
        }))
        .filter((t, i, all) => all.findIndex((o) => o.table === t.table) === i);
  const fullLoadExpected = migration.tasks.some((t) => t.migrationType !== "cdc");
  const s3 = options.clients.s3();
  const tables: AnalyticsTable[] = [];
  const manifest: ManifestEntry[] = [];
  for (const t of wanted) {
    const prefix = tablePrefix(location.folder, t.target.schema, t.target.table);
    const folder = await listTableFolder(s3, location.bucket, prefix, `${t.target.schema}.${t.target.table}`);
    manifest.push(...folder.entries);
    const dms = dmsRowOf(options.status, t.schema, t.name);
    tables.push(
      judgeLakeTable({
        table: t.table,
        folder,
        fullLoadExpected,
        ...(t.rows !== undefined ? { sourceRows: t.rows } : {}),
        ...(dms ? { dms } : {}),
      }),
    );
  }
  const compared = [
    `files: each selected table's folder s3://${location.bucket}/<folder>/<schema>/<table>/ (ListObjectsV2, every page)${fullLoadExpected ? " holds its full-load files (LOAD*.parquet); change files (date folders) are counted" : "; CDC-only tasks write no full-load file"}`,
    ...(source
      ? [
          "row counts: the source's SELECT COUNT(*) against DMS's own count of what it wrote (DescribeTableStatistics: full-load rows + inserts - deletes)",
        ]
      : []),
  ];
  const notCompared = [
    S3_NOT_COMPARED_FILES,
    ...(source
      ? []
      : [
          `source row counts: the source was not read (${options.sourceMissing ?? "no --source"}); the tables are those DMS reports`,
        ]),
  ];
  const report = analyticsReport({
    targetKind: "s3",
    migration: migration.name,
    file: migration.file,
    ...(source ? { source: source.source } : {}),
    target: `s3://${location.bucket}/${location.folder ? `${location.folder}/` : ""} (endpoint ${endpointId})`,
    compared,
    notCompared,
    tables,
    ...(options.outFile ? {} : { manifest }),
  });
  if (options.outFile) {
    writeFileSync(
      options.outFile.path,
      `${JSON.stringify({ bucket: location.bucket, folder: location.folder, objects: manifest }, null, 2)}\n`,
    );
    return { ...report, manifestFile: options.outFile.shownAs, manifestObjects: manifest.length };
  }
  return report;
}

/** Compare a migration into Redshift or S3 (`defaults.analyticsTarget`). */
export function compareAnalyticsTarget(options: AnalyticsCompareOptions): Promise<AnalyticsReport> {
  return options.defaults.analyticsTarget === "redshift" ? compareRedshift(options) : compareLake(options);
}
