/**
 * Oracle and Microsoft SQL Server endpoints: their typed settings, how each reaches DMS through the
 * AWS provider, the SSL modes DMS supports for them, and the combinations DMS refuses or silently
 * ignores. Pure decisions, no Pulumi (docs/heterogeneous.md).
 *
 * Sources read (cited beside each rule):
 * - the provider: hashicorp/terraform-provider-aws internal/service/dms/endpoint.go, the v6.x
 *   release @pulumi/aws 7.48 bridges (its `oracle_settings` block is complete, pull request 46516;
 *   @pulumi/aws 7.48 types it as `EndpointOracleSettings`). `resourceEndpointCreate` sends
 *   `OracleSettings` built from `oracle_settings` plus `DatabaseName` and the Secrets Manager
 *   secret and role; for `sqlserver` it sends `MicrosoftSQLServerSettings` with only the secret,
 *   role and `DatabaseName`: the schema has no SQL Server settings block, so SQL Server settings go
 *   through `extra_connection_attributes`, which the provider sends as given on create and on
 *   modify, and compares as plain text (`suppressExtraConnectionAttributesDiffs` only relaxes
 *   MongoDB's).
 * - the DMS User Guide (awsdocs/aws-dms-user-guide, doc_source at commit 81be26a0):
 *   CHAP_Source.Oracle.md ("Endpoint settings when using Oracle as a source", "Using Oracle
 *   LogMiner or AWS DMS Binary Reader for CDC", "Configuring a CDC task to use Binary Reader with
 *   an RDS for Oracle source", "SSL support for an Oracle endpoint"), CHAP_Source.SQLServer.md
 *   ("Endpoint settings when using SQL Server as a source", "Limitations", "Prerequisites for using
 *   ongoing replication (CDC)"), CHAP_Target.SQLServer.md (`useBCPFullLoad`) and
 *   CHAP_Security.SSL.md (the SSL mode table per engine).
 */

/** Where an Oracle or SQL Server database runs: it decides which CDC settings DMS can use. */
export type SourceHosting = "self-managed" | "rds";

/**
 * Typed Oracle endpoint settings: the fields of `aws.dms.Endpoint`'s `oracleSettings` a platform
 * team sets, by their Pulumi names. Left out on purpose: `asmUser`/`asmPassword` and
 * `securityDbEncryption` (plaintext secrets; the ASM credentials come from Secrets Manager through
 * `secretsManagerOracleAsmSecretId`), and `authenticationMethod` (the provider's schema makes it
 * conflict with `secrets_manager_arn`, which every endpoint of ours uses).
 */
export interface OracleEndpointSettings {
  /** Capture changes with Oracle LogMiner (DMS's default) rather than Binary Reader. @default DMS's (true) */
  useLogminerReader?: boolean;
  /** Capture changes with DMS Binary Reader; needs `useLogminerReader: false`. @default DMS's (false) */
  useBfile?: boolean;
  /** RDS for Oracle 11.2/12.1 with Binary Reader: false. @default DMS's (true) */
  accessAlternateDirectly?: boolean;
  /** RDS for Oracle 11.2/12.1 with Binary Reader: true. @default DMS's (false) */
  useAlternateFolderForOnline?: boolean;
  /** RDS for Oracle 11.2/12.1 with Binary Reader: `/rdsdbdata/db/<DATABASE>_A/`. */
  oraclePathPrefix?: string;
  /** RDS for Oracle 11.2/12.1 with Binary Reader: `/rdsdbdata/log/`. */
  usePathPrefix?: string;
  /** RDS for Oracle 11.2/12.1 with Binary Reader: true. @default DMS's (false) */
  replacePathPrefix?: boolean;
  /**
   * Let DMS add PRIMARY KEY supplemental logging to every selected table (needs ALTER ANY TABLE);
   * database-level supplemental logging must still be on. @default DMS's (false)
   */
  addSupplementalLogging?: boolean;
  /** The `dest_id` of `v$archived_log` DMS reads archived redo logs from. @default DMS's (1) */
  archivedLogDestId?: number;
  /** A second archive destination (Data Guard switchover). */
  additionalArchivedLogDestId?: number;
  /** More archive destinations (a primary with several standbys). */
  extraArchivedLogDestIds?: number[];
  /** Read only the archived redo logs (never the online ones). @default DMS's (false) */
  archivedLogsOnly?: boolean;
  /** Minutes an Active Data Guard standby lags its primary. @default DMS's (0) */
  standbyDelayTime?: number;
  /** ASM server for Binary Reader: `<address>:<port>/+ASM`. Needs `secretsManagerOracleAsmSecretId`. */
  asmServer?: string;
  /**
   * ARN of the Secrets Manager secret holding the ASM user and password (the secret format the
   * guide gives for `SecretsManagerOracleAsmSecret`); the endpoint's access role may read it.
   */
  secretsManagerOracleAsmSecretId?: string;
  /** KMS key the ASM secret is encrypted with (the access role may decrypt with it through Secrets Manager). */
  asmSecretKmsKeyArn?: string;
  /** Binary Reader threads reading ASM, 2 to 8. @default DMS's (2) */
  parallelAsmReadThreads?: number;
  /** Binary Reader read-ahead blocks, 1000 to 2,000,000. @default DMS's (1000) */
  readAheadBlocks?: number;
  /** Scale of a NUMBER without precision: up to 38, -1 for FLOAT, -2 for VARCHAR. @default DMS's (10) */
  numberDatatypeScale?: number;
  /** Whether a character column's length is in bytes or characters. @default DMS's ("default") */
  charLengthSemantics?: "default" | "char" | "byte";
  /** Convert TIMESTAMP WITH (LOCAL) TIME ZONE values to UTC. @default DMS's (false) */
  convertTimestampWithZoneToUtc?: boolean;
  /** Fail the task when a LOB is longer than LobMaxSize instead of truncating it. @default true on a source endpoint */
  failTaskOnLobTruncation?: boolean;
  /** Minutes to look back for open transactions in a CDC-only task, 0 to 240. @default DMS's (0) */
  openTransactionWindow?: number;
  /** Seconds before a query is resent. @default DMS's (5) */
  retryInterval?: number;
  /** Replicate tablespace names. @default DMS's (false) */
  readTableSpaceName?: boolean;
  /** Trim trailing spaces of CHAR and NCHAR values. @default DMS's (true) */
  trimSpaceInChar?: boolean;
  /** Function converting SDO_GEOMETRY to GeoJSON for a PostgreSQL target. @default DMS's (SDO2GEOJSON) */
  spatialDataOptionToGeoJsonFunctionName?: string;
  /** Replicate tables with nested-table or defined-type columns. @default DMS's (false) */
  allowSelectedNestedTables?: boolean;
}

/**
 * Typed SQL Server endpoint settings, named as the guide's endpoint-settings table names them
 * (camelCased). The provider has no SQL Server settings block: they are sent as extra connection
 * attributes (`sqlServerExtraConnectionAttributes`).
 */
export interface SqlServerEndpointSettings {
  /** How DMS keeps the transaction log from being truncated before it reads it. @default DMS's (RELY_ON_SQL_SERVER_REPLICATION_AGENT) */
  safeguardPolicy?: "RELY_ON_SQL_SERVER_REPLICATION_AGENT" | "EXCLUSIVE_AUTOMATIC_TRUNCATION";
  /** Turn the safeguard on. @default DMS's (true) */
  activateSafeguard?: boolean;
  /** Let DMS enable MS-CDC on the database and the selected tables (needs sysadmin; self-managed only). */
  setUpMsCdcForTables?: boolean;
  /** Read changes only from transaction-log backups (needs sysadmin; not on RDS). @default DMS's (false) */
  readBackupOnly?: boolean;
  /** Where CDC reads changes from. @default DMS's (PreferTlog) */
  tlogAccessMode?: "BackupOnly" | "PreferBackup" | "PreferTlog" | "TlogOnly";
  /** Fail the task when the database's recovery model is SIMPLE (CDC needs FULL or BULK_LOGGED). @default true on a source endpoint */
  fatalOnSimpleModel?: boolean;
  /** Force LOB lookup on inline LOBs. @default DMS's (false) */
  forceLobLookup?: boolean;
  /** Always On: false makes DMS poll every node for transaction backups. @default DMS's (true) */
  alwaysOnSharedSynchedBackupIsEnabled?: boolean;
  /** Always On: try every IP of the listener after a failover (ODBC MultiSubnetFailover=Yes). */
  multiSubnetFailover?: boolean;
  /** Always On: route the task to a read-only secondary (ODBC ApplicationIntent=ReadOnly). */
  applicationIntent?: "ReadOnly";
  /** Process native-format transaction-log backups taken by third-party software. @default DMS's (false) */
  use3rdPartyBackupDevice?: boolean;
  /** A SQL Server target: load the full load with BCP (false for target tables with computed columns). @default DMS's (true) */
  useBcpFullLoad?: boolean;
}

/**
 * The name each SQL Server setting has as an extra connection attribute, and how its value is
 * written, in the order the attributes are rendered (a fixed order: the provider compares the
 * string as text, so the same settings always give the same string and no diff).
 */
const SQLSERVER_ATTRIBUTES: ReadonlyArray<{
  key: keyof SqlServerEndpointSettings;
  name: string;
  value: (v: string | boolean) => string;
}> = [
  { key: "safeguardPolicy", name: "SafeguardPolicy", value: String },
  { key: "activateSafeguard", name: "ActivateSafeguard", value: String },
  { key: "setUpMsCdcForTables", name: "SetUpMsCdcForTables", value: String },
  // The guide's valid values are Y and N (CHAP_Source.SQLServer.md, ReadBackupOnly).
  { key: "readBackupOnly", name: "ReadBackupOnly", value: (v) => (v ? "Y" : "N") },
  { key: "tlogAccessMode", name: "TlogAccessMode", value: String },
  { key: "fatalOnSimpleModel", name: "FatalOnSimpleModel", value: String },
  { key: "forceLobLookup", name: "ForceLobLookup", value: String },
  { key: "alwaysOnSharedSynchedBackupIsEnabled", name: "AlwaysOnSharedSynchedBackupIsEnabled", value: String },
  // ODBC attributes, written as the guide writes them ("MultiSubnetFailover": "Yes").
  { key: "multiSubnetFailover", name: "MultiSubnetFailover", value: (v) => (v ? "Yes" : "No") },
  { key: "applicationIntent", name: "ApplicationIntent", value: String },
  { key: "use3rdPartyBackupDevice", name: "use3rdPartyBackupDevice", value: (v) => (v ? "Y" : "N") },
  // CHAP_Target.SQLServer.md writes it `useBCPFullLoad=false`.
  { key: "useBcpFullLoad", name: "useBCPFullLoad", value: String },
];

/** SQL Server settings that apply to a source endpoint only, and to a target only. */
const SQLSERVER_TARGET_ONLY: ReadonlyArray<keyof SqlServerEndpointSettings> = ["useBcpFullLoad"];

/**
 * The extra connection attributes of a SQL Server endpoint: `Name=value` pairs joined with `;` and
 * no white space (the guide: "separate them from each other by semicolons with no additional white
 * space"), in a fixed order. Undefined when nothing is set.
 */
export function sqlServerExtraConnectionAttributes(settings: SqlServerEndpointSettings): string | undefined {
  const pairs = SQLSERVER_ATTRIBUTES.flatMap(({ key, name, value }) => {
    const v = settings[key];
    return v === undefined ? [] : [`${name}=${value(v)}`];
  });
  return pairs.length > 0 ? pairs.join(";") : undefined;
}

/**
 * The platform's defaults for a commercial-engine endpoint, before the user's settings:
 * - Oracle source: `failTaskOnLobTruncation: true`, so a LOB longer than LobMaxSize in limited LOB
 *   mode fails the task instead of being truncated silently (the guide's FailTasksOnLobTruncation;
 *   "LOB settings that truncate data" is one of the tutorial's usual failures, DESIGN.md).
 * - SQL Server source: `fatalOnSimpleModel: true`, so a database in the SIMPLE recovery model fails
 *   the task at once instead of losing changes (CDC needs FULL or BULK_LOGGED, "Prerequisites for
 *   using ongoing replication (CDC) from a SQL Server source").
 */
export function commercialEngineDefaults(
  engine: "oracle" | "sqlserver",
  endpointType: "source" | "target",
): OracleEndpointSettings | SqlServerEndpointSettings {
  if (endpointType === "target") return {};
  return engine === "oracle" ? { failTaskOnLobTruncation: true } : { fatalOnSimpleModel: true };
}

/** One problem with an endpoint's settings: the setting to name and why. */
export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * What DMS refuses or ignores in Oracle settings, given where the database runs and the endpoint's
 * side: Binary Reader and LogMiner both on (or both off), ASM without its secret, a plaintext ASM
 * credential's replacement missing its key, source settings on a target. Each message says what to
 * set instead.
 */
export function oracleSettingsProblems(
  settings: OracleEndpointSettings,
  endpointType: "source" | "target",
  hosting: SourceHosting,
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const binaryReader = settings.useBfile === true;
  // "Set UseLogminerReader to N to set this attribute to Y" (UseBfile), and LogMiner is the default.
  if (binaryReader && settings.useLogminerReader !== false) {
    problems.push({
      key: "useLogminerReader",
      message:
        "must be false with useBfile: true: Binary Reader replaces LogMiner (set useLogminerReader: false) (CHAP_Source.Oracle.md, UseBfile)",
    });
  }
  if (settings.useLogminerReader === false && !binaryReader) {
    problems.push({
      key: "useBfile",
      message:
        "must be true with useLogminerReader: false: without LogMiner DMS reads the redo logs with Binary Reader (set useBfile: true) (CHAP_Source.Oracle.md, UseLogminerReader)",
    });
  }
  const binaryOnly: Array<keyof OracleEndpointSettings> = [
    "asmServer",
    "parallelAsmReadThreads",
    "readAheadBlocks",
    "oraclePathPrefix",
    "usePathPrefix",
    "replacePathPrefix",
    "useAlternateFolderForOnline",
  ];
  for (const key of binaryOnly) {
    if (settings[key] !== undefined && !binaryReader) {
      problems.push({
        key,
        message: `applies only to Binary Reader: set useLogminerReader: false and useBfile: true, or remove it (CHAP_Source.Oracle.md, ${key})`,
      });
    }
  }
  if (settings.asmServer !== undefined && settings.secretsManagerOracleAsmSecretId === undefined) {
    problems.push({
      key: "secretsManagerOracleAsmSecretId",
      message:
        "is required with asmServer: the ARN of the Secrets Manager secret holding the ASM user and password (the platform never sends asmUser/asmPassword in clear) (CHAP_Source.Oracle.md, Binary Reader with ASM)",
    });
  }
  if (settings.secretsManagerOracleAsmSecretId !== undefined) {
    if (!/^arn:aws[a-z-]*:secretsmanager:/.test(settings.secretsManagerOracleAsmSecretId)) {
      problems.push({ key: "secretsManagerOracleAsmSecretId", message: "must be a secretsmanager ARN" });
    }
    if (settings.asmSecretKmsKeyArn === undefined) {
      problems.push({
        key: "asmSecretKmsKeyArn",
        message:
          "is required with secretsManagerOracleAsmSecretId: the KMS key the ASM secret is encrypted with, which the endpoint's access role may decrypt with",
      });
    }
  }
  if (settings.asmSecretKmsKeyArn !== undefined && !/^arn:aws[a-z-]*:kms:/.test(settings.asmSecretKmsKeyArn)) {
    problems.push({ key: "asmSecretKmsKeyArn", message: "must be a kms ARN" });
  }
  // ASM is self-managed storage: RDS for Oracle does not expose it.
  if (hosting === "rds" && settings.asmServer !== undefined) {
    problems.push({
      key: "asmServer",
      message:
        'does not apply to RDS for Oracle (RDS manages the storage; Binary Reader reads through the ONLINELOG_DIR and ARCHIVELOG_DIR directories instead): remove it, or set hosting "self-managed"',
    });
  }
  const ranges: Array<[keyof OracleEndpointSettings, number, number]> = [
    ["parallelAsmReadThreads", 2, 8],
    ["readAheadBlocks", 1000, 2_000_000],
    ["numberDatatypeScale", -2, 38],
    ["openTransactionWindow", 0, 240],
  ];
  for (const [key, min, max] of ranges) {
    const v = settings[key];
    if (typeof v === "number" && (!Number.isInteger(v) || v < min || v > max)) {
      problems.push({ key, message: `must be a whole number from ${min} to ${max} (got ${v})` });
    }
  }
  if (endpointType === "target") {
    for (const key of Object.keys(settings)) {
      problems.push({
        key,
        message:
          "is an Oracle source setting: the platform's Oracle endpoints are sources (an RDS for Oracle target takes no endpoint settings here)",
      });
    }
  }
  return problems;
}

/**
 * What DMS refuses or ignores in SQL Server settings: `readBackupOnly`, `tlogAccessMode: BackupOnly` and
 * `EXCLUSIVE_AUTOMATIC_TRUNCATION` on RDS ("Limitations on using SQL Server as a source": RDS
 * backups, and no access to `sp_repldone`), `setUpMsCdcForTables` on RDS (it needs sysadmin, which
 * RDS does not grant: enable MS-CDC with `msdb.dbo.rds_cdc_enable_db`), target settings on a source
 * and source settings on a target.
 */
export function sqlServerSettingsProblems(
  settings: SqlServerEndpointSettings,
  endpointType: "source" | "target",
  hosting: SourceHosting,
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (hosting === "rds") {
    if (settings.readBackupOnly === true) {
      problems.push({
        key: "readBackupOnly",
        message:
          "does not work on RDS for SQL Server (the way RDS takes backups; CHAP_Source.SQLServer.md, Limitations): remove it",
      });
    }
    if (settings.safeguardPolicy === "EXCLUSIVE_AUTOMATIC_TRUNCATION") {
      problems.push({
        key: "safeguardPolicy",
        message:
          'EXCLUSIVE_AUTOMATIC_TRUNCATION does not work on RDS for SQL Server (RDS users cannot run sp_repldone; CHAP_Source.SQLServer.md, Limitations): use "RELY_ON_SQL_SERVER_REPLICATION_AGENT"',
      });
    }
    // "AWS DMS supports ongoing replication (CDC) with the active transaction log only. You can't use
    // the backup log with CDC" (CHAP_Source.SQLServer.md, "Limitations for ongoing replication on a
    // cloud SQL Server DB instance").
    if (settings.tlogAccessMode === "BackupOnly") {
      problems.push({
        key: "tlogAccessMode",
        message:
          'BackupOnly does not work on RDS for SQL Server: DMS reads changes there from the active transaction log only (CHAP_Source.SQLServer.md, Limitations for ongoing replication on a cloud SQL Server DB instance): remove it, or set "TlogOnly"',
      });
    }
    if (settings.setUpMsCdcForTables === true) {
      problems.push({
        key: "setUpMsCdcForTables",
        message:
          "needs sysadmin, which RDS does not grant: enable MS-CDC as the master user with exec msdb.dbo.rds_cdc_enable_db and sys.sp_cdc_enable_table (CHAP_Source.SQLServer.md, cloud SQL Server), then remove it",
      });
    }
  }
  for (const key of Object.keys(settings) as Array<keyof SqlServerEndpointSettings>) {
    const targetOnly = SQLSERVER_TARGET_ONLY.includes(key);
    if (endpointType === "source" && targetOnly) {
      problems.push({ key, message: "is a SQL Server target setting (BCP full load): remove it from the source" });
    } else if (endpointType === "target" && !targetOnly) {
      problems.push({ key, message: "is a SQL Server source setting: remove it from the target" });
    }
  }
  return problems;
}

/**
 * The SSL modes DMS supports per engine, from the table of CHAP_Security.SSL.md: Oracle supports
 * only `verify-ca` (with an Oracle wallet imported as the DMS certificate) besides none; SQL Server
 * supports `require` and `verify-full` but not `verify-ca`. The other engines take every mode.
 */
export const SUPPORTED_SSL_MODES: Readonly<Record<"oracle" | "sqlserver", ReadonlyArray<string>>> = {
  oracle: ["verify-ca"],
  sqlserver: ["require", "verify-full"],
};
