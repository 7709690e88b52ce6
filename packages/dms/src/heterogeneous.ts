/**
 * What a heterogeneous migration (Oracle or SQL Server into PostgreSQL, MySQL or SQL Server) needs
 * in its table mappings, and the pitfalls the plan warns about before the data moves
 * (docs/heterogeneous.md). Pure: no Pulumi.
 */
import type { EndpointEngine } from "@dms-platform/config";
import type { OracleEndpointSettings } from "./commercial-engines.js";
import {
  convertLowercase,
  type RuleDraft,
  type TableMappings,
  type TableObject,
  type TableSettingsRule,
  type TransformationRule,
  tableSettingsRule,
} from "./documents/index.js";
import { engineFamily } from "./engines.js";

/**
 * The three rules that give a schema's objects PostgreSQL's lower-case names: the schema, every
 * table and every column (`convert-lowercase`). Oracle stores unquoted names in upper case, and
 * PostgreSQL folds unquoted names to lower case (PostgreSQL documentation, "Identifiers and Key
 * Words"): without them every query on the target has to quote "CLAIMS"."POLICY". DMS Schema
 * Conversion converts the schema the same way, so the tables it creates match the names DMS loads.
 */
export function lowercaseIdentifiers(schema: string): Array<RuleDraft<TransformationRule>> {
  return [
    convertLowercase({ target: "schema", schema }),
    convertLowercase({ target: "table", schema, table: "%" }),
    convertLowercase({ target: "column", schema, table: "%", column: "%" }),
  ];
}

/**
 * Limited LOB mode for one table, sized for its largest LOB (a table-settings rule's `lob-settings`,
 * which overrides the task's LOB settings for that table: CHAP_Tasks.CustomizingTasks.TableMapping.
 * SelectionTransformation.Tablesettings.md, "Specifying LOB settings for a selected table or view").
 * DMS "converts LOBs to binary format. Therefore, to specify the largest LOB you need to replicate,
 * multiply its size by three", so `bulk-max-size` is three times `largestLobKb`; a longer LOB is
 * truncated (an Oracle source's `failTaskOnLobTruncation`, on by default, fails the task instead).
 *
 * @example
 * ```ts
 * limitedLobs({ schema: "CLAIMS", table: "DOCUMENTS", largestLobKb: 2048 }); // bulk-max-size 6144
 * ```
 */
export function limitedLobs(args: TableObject & { largestLobKb: number }): RuleDraft<TableSettingsRule> {
  const { largestLobKb, ...table } = args;
  return tableSettingsRule({
    ...table,
    lobSettings: { mode: "limited", "bulk-max-size": Math.ceil(largestLobKb * 3) },
  });
}

/**
 * Full LOB mode for one table: every LOB migrated whole, each looked up in the source (`unlimited`
 * with `bulk-max-size` 0, the guide's "standard full LOB mode"; the combination mode a nonzero size
 * selects exists for IBM Db2 and SAP ASE sources only). Much slower than limited mode: for tables
 * whose LOBs are large (the guide: 1 GB or larger). LOBs need a primary key on the table.
 */
export function fullLobs(args: TableObject): RuleDraft<TableSettingsRule> {
  return tableSettingsRule({ ...args, lobSettings: { mode: "unlimited", "bulk-max-size": 0 } });
}

/**
 * The LOB pitfall of any migration: a table in full LOB mode (`lob-settings` mode `unlimited`) under
 * batch apply. "If the specified table or view has LOBs included in the replication, you can set the
 * BatchApplyEnabled task setting to true only when using limited LOB mode" (the same guide page).
 */
export function lobWarnings(
  task: Pick<HeterogeneousTask, "where" | "tableMappings" | "taskSettings" | "migrationType">,
): string[] {
  // A full-load task applies no changes: DMS ignores batch apply there (the settings warnings say so).
  if (task.migrationType === "full-load" || task.taskSettings.TargetMetadata?.BatchApplyEnabled !== true) return [];
  return task.tableMappings.rules.flatMap((rule, i) => {
    if (rule["rule-type"] !== "table-settings") return [];
    const lob = (rule as { "lob-settings"?: { mode?: string } })["lob-settings"];
    if (lob?.mode !== "unlimited") return [];
    const { "schema-name": schema, "table-name": table } = (rule as TableSettingsRule)["object-locator"];
    return [
      `${task.where}.tableMappings.rules[${i}]: ${schema}.${table} is in full LOB mode (lob-settings mode unlimited) and TargetMetadata.BatchApplyEnabled is true: DMS batch-applies a table with LOBs only in limited LOB mode; use limitedLobs or turn batch apply off`,
    ];
  });
}

/** One task's view of its migration, for heterogeneousWarnings. */
export interface HeterogeneousTask {
  /** `DmsReplication "<name>": tasks[<i>]`, the prefix of every warning. */
  where: string;
  sourceEngine: EndpointEngine;
  sourceSettings?: object | undefined;
  targetEngine: EndpointEngine;
  tableMappings: TableMappings;
  /** The task's migration type: the full-load pitfalls concern `full-load` and `full-load-and-cdc`. @default full-load-and-cdc */
  migrationType?: "full-load" | "cdc" | "full-load-and-cdc";
  /** The task's merged settings (platform defaults and its own). */
  taskSettings: {
    TargetMetadata?: {
      LimitedSizeLobMode?: boolean;
      LobMaxSize?: number;
      FullLobMode?: boolean;
      BatchApplyEnabled?: boolean;
    };
    FullLoadSettings?: { TargetTablePrepMode?: string };
  };
}

/**
 * The known pitfalls of an Oracle or SQL Server source, as plan warnings (never refusals: each can
 * be what the team wants):
 * - into a PostgreSQL-family target, objects whose names are not converted to lower case
 *   (no `convert-lowercase` rule on the schema, the tables and the columns);
 * - an Oracle NUMBER without precision becomes NUMBER(38,10) on the target unless
 *   `numberDatatypeScale` says otherwise (CHAP_Source.Oracle.md, NumberDataTypeScale: "By default,
 *   the NUMBER data type is converted to precision 38, scale 10");
 * - limited LOB mode with `failTaskOnLobTruncation: false` on an Oracle source: a LOB longer than
 *   LobMaxSize is truncated without failing the task (CHAP_Source.Oracle.md,
 *   FailTasksOnLobTruncation);
 * - a full load that lets DMS create the target tables (`TargetTablePrepMode` DROP_AND_CREATE, the
 *   platform's default): DMS creates "tables, primary keys, and in some cases unique indexes", no
 *   secondary indexes, non-primary-key constraints or defaults (CHAP_Troubleshooting.md, "Tables
 *   not created"; CHAP_Introduction.HighLevelView.md), and from SQL Server no identity property
 *   (CHAP_Source.SQLServer.md, Limitations; CHAP_Troubleshooting.md, "Missing identity columns"):
 *   the schema is converted or scripted first, and the task keeps it with DO_NOTHING;
 * - full LOB mode on a SQL Server source: "Geometry columns aren't supported in full lob mode when
 *   using SQL Server as a source" (CHAP_Source.SQLServer.md, Limitations).
 * Guide pages: awsdocs/aws-dms-user-guide doc_source at commit 81be26a0.
 */
export function heterogeneousWarnings(task: HeterogeneousTask): string[] {
  const sourceFamily = engineFamily(task.sourceEngine);
  if (sourceFamily !== "oracle" && sourceFamily !== "sqlserver") return [];
  const warnings: string[] = [];
  if (engineFamily(task.targetEngine) === "postgres") {
    const lowered = new Set(
      task.tableMappings.rules
        .filter((r) => r["rule-type"] === "transformation" && r["rule-action"] === "convert-lowercase")
        .map((r) => String((r as { "rule-target"?: unknown })["rule-target"])),
    );
    const missing = ["schema", "table", "column"].filter((t) => !lowered.has(t));
    if (missing.length > 0) {
      warnings.push(
        `${task.where}.tableMappings: no convert-lowercase rule for ${missing.join(", ")}: ${task.sourceEngine} names keep their case on PostgreSQL, which folds unquoted names to lower case, so every query must quote them; add lowercaseIdentifiers(<schema>) to the mappings (docs/heterogeneous.md)`,
      );
    }
  }
  if (sourceFamily === "oracle") {
    const settings = (task.sourceSettings ?? {}) as OracleEndpointSettings;
    if (settings.numberDatatypeScale === undefined) {
      warnings.push(
        `${task.where}: the Oracle source's NUMBER columns without precision become NUMBER(38,10) on the target (DMS's default NumberDataTypeScale 10); set the source's settings.numberDatatypeScale (0 for integers, -1 for FLOAT, -2 for VARCHAR) or add change-data-type rules (docs/heterogeneous.md)`,
      );
    }
    const limited = task.taskSettings.TargetMetadata?.LimitedSizeLobMode === true;
    if (limited && settings.failTaskOnLobTruncation === false) {
      warnings.push(
        `${task.where}: limited LOB mode with failTaskOnLobTruncation false: Oracle LOBs longer than LobMaxSize (${task.taskSettings.TargetMetadata?.LobMaxSize ?? "?"} KB) are truncated without failing the task; remove failTaskOnLobTruncation: false or raise LobMaxSize`,
      );
    }
  }
  const fullLoad = (task.migrationType ?? "full-load-and-cdc") !== "cdc";
  const prepMode = task.taskSettings.FullLoadSettings?.TargetTablePrepMode;
  const targetFamily = engineFamily(task.targetEngine);
  // A warehouse (Redshift) is loaded into the tables DMS creates; the pitfall is a database's.
  const databaseTarget = targetFamily !== "redshift";
  if (fullLoad && databaseTarget && (prepMode === undefined || prepMode === "DROP_AND_CREATE")) {
    const lost =
      sourceFamily === "sqlserver"
        ? "secondary indexes, constraints other than the primary key, defaults and the identity property of identity columns"
        : "secondary indexes, constraints other than the primary key, defaults and the converted types and code";
    const first =
      targetFamily === sourceFamily
        ? "create the schema on the target first (the source's own scripts)"
        : "convert the schema first (SchemaConversion, docs/heterogeneous.md)";
    warnings.push(
      `${task.where}: TargetTablePrepMode DROP_AND_CREATE lets DMS create the target tables from the ${task.sourceEngine} source with their primary keys only, without ${lost}; ${first} and set settings.FullLoadSettings.TargetTablePrepMode: DO_NOTHING`,
    );
  }
  if (sourceFamily === "sqlserver" && task.taskSettings.TargetMetadata?.FullLobMode === true) {
    warnings.push(
      `${task.where}: full LOB mode on a SQL Server source does not migrate GEOMETRY columns (CHAP_Source.SQLServer.md, Limitations); for tables with them use limited LOB mode or TargetMetadata.InlineLobMaxSize`,
    );
  }
  return warnings;
}
