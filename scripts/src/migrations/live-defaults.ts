import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Environment, readPulumiConfigFile } from "@dms-platform/config";
import { parseTableMappings, selectedObjects, type TableMappings } from "@dms-platform/dms/documents";

/**
 * What `preflight --migration NAME --env ENV` and `validate --migration ...` take from a
 * migration's stack file when not given on the command line: the tables its tasks select, the
 * engines of its definition and, for an external source, the source URL. Pure apart from reading
 * the file; no Pulumi, no database (docs/migrations.md, "Checking a migration's databases").
 */

const NS = "dms-platform-replication";

/** A URL scheme `--source`/`--target` accept, for each engine a migration may declare. */
const SCHEME: Readonly<Record<string, "mysql" | "mariadb" | "postgres">> = {
  mysql: "mysql",
  "aurora-mysql": "mysql",
  mariadb: "mariadb",
  postgres: "postgres",
  "aurora-postgresql": "postgres",
};

export interface MigrationLiveDefaults {
  /** The stack file read (as given: absolute, or relative to the stacks dir's parent). */
  file: string;
  /** `schema.table` include patterns of the tasks' selection rules, in task then rule order, once each. */
  tables: string;
  /**
   * Each task's table mapping, whole: its exclude rules and its schema/table renames decide which
   * tables preflight and validate look at and what they are called on the target.
   */
  mappings: { origin: string; mapping: TableMappings }[];
  /** The source's URL scheme (its engine family). */
  sourceScheme: "mysql" | "mariadb" | "postgres";
  /** The target's URL scheme, as preflight's `--target-engine` (absent: an analytics target, below). */
  targetEngine?: "mysql" | "mariadb" | "postgres";
  /**
   * A target validate reads no table of through a database URL (docs/analytics-targets.md): a
   * Redshift warehouse (row counts through the Redshift Data API) or an S3 data lake (its files).
   */
  analyticsTarget?: "redshift" | "s3";
  sourceDatabase: string;
  targetDatabase: string;
  /** `<scheme>://<user>@<host>:<port>/<database>` when the source is external and a user is known. */
  sourceUrl?: string;
  /** Why no sourceUrl could be built (the source is a foundation output, or no user was given). */
  sourceUrlMissing?: string;
}

/** Refused input: the message names the file and key, or the option to give instead. */
export class MigrationDefaultsError extends Error {
  override readonly name = "MigrationDefaultsError";
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The stack file of a migration in an environment: `Pulumi.<name>-<env>.yaml`, or the primary's when its application is `name`. */
export function migrationStackFile(stacksDir: string, migration: string, env: Environment): string {
  const dir = join(stacksDir, "replication");
  const named = join(dir, `Pulumi.${migration}-${env}.yaml`);
  if (existsSync(named)) return named;
  const primary = join(dir, `Pulumi.${env}.yaml`);
  if (existsSync(primary) && readPulumiConfigFile(primary).values[`${NS}:application`] === migration) return primary;
  const known = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`-${env}.yaml`)) : [];
  throw new MigrationDefaultsError(
    `${named}: not found: no migration "${migration}" in ${env}${known.length ? ` (found ${known.join(", ")})` : ""}`,
  );
}

/**
 * Resolve the defaults of a migration in an environment. `sourceName` picks the source of a
 * consolidation (its tasks' tables, its engine and connection); `sourceUser` is the database user
 * for the URL (`--source-user` or DMS_SOURCE_USER).
 */
export function resolveMigrationDefaults(options: {
  stacksDir: string;
  migration: string;
  env: Environment;
  sourceName?: string;
  sourceUser?: string;
}): MigrationLiveDefaults {
  const file = migrationStackFile(options.stacksDir, options.migration, options.env);
  const values = readPulumiConfigFile(file).values;
  const definition = asObject(values[`${NS}:migration`]);
  if (!definition) throw new MigrationDefaultsError(`${file}: ${NS}:migration: is required`);
  const sources = asObject(definition.sources);
  let source: Record<string, unknown> | undefined;
  let connection: Record<string, unknown> | undefined;
  if (sources) {
    const names = Object.keys(sources);
    if (options.sourceName === undefined || !names.includes(options.sourceName)) {
      throw new MigrationDefaultsError(
        `${file}: ${NS}:migration.sources: this migration consolidates ${names.join(", ")}: name the source to check with --migration-source${options.sourceName ? ` (got "${options.sourceName}")` : ""}`,
      );
    }
    source = asObject(sources[options.sourceName]);
    connection = asObject(asObject(values[`${NS}:sourceConnections`])?.[options.sourceName]);
  } else {
    source = asObject(definition.source);
    connection = asObject(values[`${NS}:sourceConnection`]);
  }
  const target = asObject(definition.target);
  const sourceScheme = SCHEME[String(source?.engine)];
  const targetEngine = SCHEME[String(target?.engine)];
  if (source && (source.engine === "oracle" || source.engine === "sqlserver")) {
    // No Oracle or SQL Server driver ships with the CLI: `preflight --engine` prints the queries and
    // judges their rows (scripts/src/live/commercial-checks.ts, docs/heterogeneous.md).
    const hosting = String(asObject(connection?.external)?.hosting ?? "self-managed");
    const database = source.engine === "sqlserver" ? ` --database ${String(source.databaseName)}` : "";
    throw new MigrationDefaultsError(
      `${file}: ${NS}:migration.source.engine: preflight connects to no ${source.engine} server; run \`preflight --engine ${source.engine} --hosting ${hosting}${database} --queries\`, then the queries as the DMS user, then the same command with --results <rows.json> instead of --queries (got "${source.engine}")`,
    );
  }
  if (!source || !sourceScheme) throw new MigrationDefaultsError(`${file}: ${NS}:migration.source.engine: is required`);
  // An S3 data lake holds Parquet files and a Redshift warehouse speaks neither MySQL nor PostgreSQL
  // as validate compares them: they are compared another way (docs/analytics-targets.md, "What
  // validate, cutover-check and status compare").
  const analyticsTarget: MigrationLiveDefaults["analyticsTarget"] =
    target && "s3" in target ? "s3" : target?.engine === "redshift" ? "redshift" : undefined;
  if (!target || (!targetEngine && !analyticsTarget))
    throw new MigrationDefaultsError(`${file}: ${NS}:migration.target.engine: is required`);

  const tasks = Array.isArray(definition.tasks) ? definition.tasks : [];
  const tables: string[] = [];
  const mappings: MigrationLiveDefaults["mappings"] = [];
  tasks.forEach((task, i) => {
    const t = asObject(task);
    if (sources && t?.source !== options.sourceName) return;
    const where = `${file}: ${NS}:migration.tasks[${i}]`;
    const mapping = parseTableMappings(t?.tableMappings, { file: where });
    mappings.push({ origin: `${where}.tableMappings`, mapping });
    for (const o of selectedObjects(mapping)) {
      const pattern = `${o.schemaName}.${o.tableName}`;
      if (o.action !== "exclude" && !tables.includes(pattern)) tables.push(pattern);
    }
  });
  if (tables.length === 0) throw new MigrationDefaultsError(`${file}: ${NS}:migration.tasks: select no table`);

  const external = asObject(connection?.external);
  const user = options.sourceUser;
  const base = {
    file,
    tables: tables.join(","),
    mappings,
    sourceScheme,
    ...(targetEngine ? { targetEngine } : {}),
    ...(analyticsTarget ? { analyticsTarget } : {}),
    sourceDatabase: String(source.databaseName),
    targetDatabase: String(target.databaseName ?? ""),
  };
  if (!external || typeof external.hostname !== "string") {
    return {
      ...base,
      sourceUrlMissing: "the source is a database of the foundation stack (its host is known after deployment)",
    };
  }
  if (!user) return { ...base, sourceUrlMissing: "no source user: give --source-user or set DMS_SOURCE_USER" };
  return {
    ...base,
    sourceUrl: `${sourceScheme}://${encodeURIComponent(user)}@${external.hostname}:${String(external.port)}/${encodeURIComponent(String(source.databaseName))}`,
  };
}
