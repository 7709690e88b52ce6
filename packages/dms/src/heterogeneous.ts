/**
 * What a heterogeneous migration (Oracle or SQL Server into PostgreSQL, MySQL or SQL Server) needs
 * in its table mappings, and the pitfalls the plan warns about before the data moves
 * (docs/heterogeneous.md). Pure: no Pulumi.
 */
import type { EndpointEngine } from "@dms-platform/config";
import type { OracleEndpointSettings } from "./commercial-engines.js";
import { convertLowercase, type RuleDraft, type TableMappings, type TransformationRule } from "./documents/index.js";
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

/** One task's view of its migration, for heterogeneousWarnings. */
export interface HeterogeneousTask {
  /** `DmsReplication "<name>": tasks[<i>]`, the prefix of every warning. */
  where: string;
  sourceEngine: EndpointEngine;
  sourceSettings?: object | undefined;
  targetEngine: EndpointEngine;
  tableMappings: TableMappings;
  /** The task's merged settings (platform defaults and its own). */
  taskSettings: { TargetMetadata?: { LimitedSizeLobMode?: boolean; LobMaxSize?: number } };
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
 *   FailTasksOnLobTruncation).
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
  return warnings;
}
