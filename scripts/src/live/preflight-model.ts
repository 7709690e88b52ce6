import type { DatabaseEngine } from "@dms-platform/database/cdc-parameters";
import type { TableMappings } from "@dms-platform/dms/documents";
import type { ConnectionOptions, RawValue } from "./connection.js";

export type CheckStatus = "pass" | "warn" | "fail";

export interface PreflightCheck {
  /** Stable id, e.g. `parameter:binlog_format`, `grants`, `primary-keys`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found and why it matters. */
  reason: string;
  /** What to do about it (absent on a pass). */
  fix?: string;
  /** The AWS document stating the requirement. */
  docs?: string;
}

export const MIGRATION_TYPES = ["full-load", "cdc", "full-load-and-cdc"] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];
export const LOB_MODES = ["limited", "full", "none"] as const;
export type LobMode = (typeof LOB_MODES)[number];
export const TARGET_ENGINES = ["mysql", "mariadb", "postgres"] as const;

export interface PreflightOptions {
  source: ConnectionOptions;
  /** `--tables`: comma-separated `schema.table` patterns (% and _ wildcards). */
  tables?: string;
  /** `--table-mappings`: a DMS table-mapping JSON whose selection rules choose the tables. */
  tableMappingsFile?: string;
  /** Parsed table mappings (`--migration`: one per task), each selecting and naming tables as its task does. */
  tableMappings?: readonly { origin: string; mapping: TableMappings }[];
  /** @default "full-load-and-cdc" (CDC prerequisites are checked unless "full-load") */
  migrationType?: MigrationType;
  /** The task's LOB mode (TargetMetadata.SupportLobs / FullLobMode / LimitedSizeLobMode). @default "limited" */
  lobMode?: LobMode;
  /** TargetMetadata.LobMaxSize in KB for limited LOB mode. @default 32 (the DMS default) */
  lobMaxSizeKb?: number;
  /** The target engine, for the data types DMS cannot carry across. @default the source's engine */
  targetEngine?: (typeof TARGET_ENGINES)[number];
}

export interface PreflightReport {
  command: "preflight";
  source: { connection: string; engine: DatabaseEngine; version: string; managed: "rds" | "self-managed" };
  migrationType: MigrationType;
  tables: string[];
  checks: PreflightCheck[];
  summary: Record<CheckStatus, number>;
  /** True when no check failed: exit code 0. */
  ok: boolean;
}

/** The AWS documentation each check cites. */
export const DOCS = {
  mysqlSource: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html",
  mysqlSelfManaged:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.CustomerManaged",
  mysqlLimitations:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.Limitations",
  mysqlDataTypes: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.DataTypes",
  rdsBinlogRetention: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-stored-proc-configuring.html",
  postgresSource: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html",
  postgresDataTypes: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html",
  lob: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.LOBSupport.html",
  ssl: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html",
  selection:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html",
} as const;

/** A raw driver value as text. */
export function text(value: RawValue | undefined): string {
  if (value === null || value === undefined) return "";
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}
