import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import {
  COMMERCIAL_SOURCE_ENGINES,
  type CommercialSourceEngine,
  commercialQueries,
  formatQueries,
  oracleChecks,
  type QueryRows,
  type SourceHosting,
  sqlServerChecks,
  summarize,
} from "./commercial-checks.js";
import { TLS_MODES, type TlsMode } from "./connection.js";
import { LiveConnectionError, LiveUsageError, messageOf } from "./errors.js";
import { formatPreflightText, formatValidateText } from "./format.js";
import {
  LOB_MODES,
  type LobMode,
  MIGRATION_TYPES,
  type MigrationType,
  runPreflight,
  TARGET_ENGINES,
} from "./preflight.js";
import { runValidate } from "./validate.js";

/** Where the commands write; tests substitute their own. */
export interface LiveCommandIo {
  /** Environment to read DMS_SOURCE_PASSWORD / DMS_TARGET_PASSWORD from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Directory relative file options (--table-mappings, --*-secret-file) resolve against. @default process.cwd() */
  cwd?: string;
  /** Results (text or JSON). */
  stdout(text: string): void;
  /** Progress lines. */
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is drawn only then). */
  isTTY: boolean;
  /** Exit code for a completed run: 0 all good, 1 a check failed / a table differs. */
  setExitCode(code: number): void;
  /** The repository root (`--migration` reads `<root>/stacks` unless --stacks-dir). @default the repo holding this file */
  repoRoot?: string;
}

/**
 * The CLI frame's context (scripts/src/context.ts), matched structurally so the commands plug in
 * with `registerPreflightCommand(program, context)` without importing the frame.
 */
export interface CliContextLike {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  repoRoot?: string;
  exitCode?: number;
}

function toIo(target: LiveCommandIo | CliContextLike): LiveCommandIo {
  if ("setExitCode" in target) return target;
  return {
    env: target.env as NodeJS.ProcessEnv,
    cwd: target.cwd,
    stdout: (text) => void target.stdout.write(text),
    stderr: (text) => void target.stderr.write(text),
    isTTY: Boolean(target.stderr.isTTY),
    setExitCode: (code) => {
      target.exitCode = code;
    },
    ...(target.repoRoot ? { repoRoot: target.repoRoot } : {}),
  };
}

/** `--migration NAME --env ENV`: defaults from the migration's stack file (docs/migrations.md). */
interface MigrationCliOptions {
  migration?: string;
  env?: "dev" | "test" | "prod";
  stacksDir?: string;
  sourceUser?: string;
  migrationSource?: string;
}

function addMigrationOptions(cmd: Command): Command {
  return cmd
    .option(
      "--migration <name>",
      "default --tables, the engines and (external source) --source from this migration's stack file",
    )
    .addOption(new Option("--env <env>", "the environment of --migration").choices(["dev", "test", "prod"]))
    .option("--stacks-dir <dir>", "read replication/Pulumi.<name>-<env>.yaml from <dir> (default: the repo's stacks/)")
    .option("--source-user <user>", "the source user for the URL --migration builds (default: DMS_SOURCE_USER)")
    .option("--migration-source <name>", "a consolidating migration's source to check (a key of migration.sources)");
}

async function migrationDefaults(io: LiveCommandIo, opts: MigrationCliOptions) {
  if (opts.migration === undefined) return undefined;
  if (opts.env === undefined) throw new LiveUsageError("--migration needs --env (dev, test or prod)");
  const { resolveMigrationDefaults } = await import("../migrations/live-defaults.js");
  const root = io.repoRoot ?? resolve(__dirname, "..", "..", "..");
  const stacksDir = opts.stacksDir ? resolve(io.cwd ?? process.cwd(), opts.stacksDir) : join(root, "stacks");
  const sourceUser = opts.sourceUser ?? io.env?.DMS_SOURCE_USER;
  return resolveMigrationDefaults({
    stacksDir,
    migration: opts.migration,
    env: opts.env,
    ...(opts.migrationSource !== undefined ? { sourceName: opts.migrationSource } : {}),
    ...(sourceUser ? { sourceUser } : {}),
  });
}

function file(io: LiveCommandIo, path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(io.cwd ?? process.cwd(), path);
}

const processIo: LiveCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

const EXIT_CODES = `
Passwords never go on the command line: set DMS_SOURCE_PASSWORD / DMS_TARGET_PASSWORD or pass
--source-secret-file / --target-secret-file (the Secrets Manager JSON of the database component).

Exit codes:
  0  nothing failed
  1  a check failed (preflight) / a table differs (validate)
  2  bad usage or a connection error`;

const USAGE = "dms-platform.usage";

function fail(cmd: Command, name: string, error: unknown): never {
  const message =
    error instanceof LiveUsageError || error instanceof LiveConnectionError ? error.message : messageOf(error);
  return cmd.error(`${name}: ${message}`, { exitCode: 2, code: USAGE });
}

function formatOption(): Option {
  return new Option("--format <format>", "output format").choices(["text", "json"]).default("text");
}

function tlsOption(): Option {
  return new Option("--tls <mode>", "TLS to the database(s)").choices([...TLS_MODES]).default("require");
}

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new LiveUsageError(`${name}: must be a positive integer (got "${value}")`);
    return Number(value);
  };
}

interface PreflightCliOptions extends MigrationCliOptions {
  engine?: CommercialSourceEngine;
  hosting: SourceHosting;
  database?: string;
  reader: "logminer" | "binary-reader";
  queries?: boolean;
  results?: string;
  source?: string;
  sourceSecretFile?: string;
  tls: TlsMode;
  tables?: string;
  tableMappings?: string;
  migrationType: MigrationType;
  lobMode: LobMode;
  lobMaxSize: string;
  targetEngine?: (typeof TARGET_ENGINES)[number];
  format: "text" | "json";
}

/** `dms-platform preflight`: check a DMS source before the task exists. */
export function registerPreflightCommand(
  program: Command,
  output: LiveCommandIo | CliContextLike = processIo,
): Command {
  const io = toIo(output);
  const command = program
    .command("preflight")
    .description(
      "check a DMS source: binlog/WAL settings, grants, TLS, keys, LOBs and data types of the selected tables",
    )
    .option("--source <url>", "source database: mysql://, mariadb:// or postgres://user@host:port/database")
    .option("--source-secret-file <file>", "Secrets Manager secret JSON holding the source password")
    .addOption(tlsOption())
    .option("--tables <patterns>", "comma-separated schema.table patterns (DMS selection syntax, % and _ wildcards)")
    .option("--table-mappings <file>", "DMS table-mapping JSON whose selection rules choose the tables")
    .addOption(
      new Option("--migration-type <type>", "the task's migration type")
        .choices([...MIGRATION_TYPES])
        .default("full-load-and-cdc"),
    )
    .addOption(new Option("--lob-mode <mode>", "the task's LOB mode").choices([...LOB_MODES]).default("limited"))
    .option("--lob-max-size <kb>", "LobMaxSize in KB for limited LOB mode", "32")
    .addOption(
      new Option("--target-engine <engine>", "target engine (data type checks); default: the source's").choices([
        ...TARGET_ENGINES,
      ]),
    )
    .addOption(
      new Option(
        "--engine <engine>",
        "an Oracle or SQL Server source, checked without a driver: --queries prints the SQL, --results judges its rows",
      ).choices([...COMMERCIAL_SOURCE_ENGINES]),
    )
    .addOption(
      new Option("--hosting <hosting>", "with --engine: where the source runs")
        .choices(["self-managed", "rds"])
        .default("self-managed"),
    )
    .option("--database <name>", "with --engine sqlserver: the source database the queries name")
    .addOption(
      new Option("--reader <reader>", "with --engine oracle: the task's CDC reader")
        .choices(["logminer", "binary-reader"])
        .default("logminer"),
    )
    .option("--queries", "with --engine: print the queries to run as the DMS user, then exit")
    .option(
      "--results <file>",
      'with --engine: JSON of the queries\' rows, { "<query id>": [ { "<column>": value } ] }',
    )
    .addOption(formatOption());
  return addMigrationOptions(command)
    .addHelpText("after", EXIT_CODES)
    .action(async (opts: PreflightCliOptions, cmd: Command) => {
      if (opts.engine !== undefined) {
        try {
          commercialPreflight(io, opts);
        } catch (error) {
          fail(cmd, "preflight", error);
        }
        return;
      }
      let defaults: Awaited<ReturnType<typeof migrationDefaults>>;
      try {
        defaults = await migrationDefaults(io, opts);
      } catch (error) {
        fail(cmd, "preflight", error);
      }
      const source = opts.source ?? defaults?.sourceUrl;
      if (!source) {
        const why = defaults?.sourceUrlMissing ? ` (${defaults.sourceUrlMissing})` : "";
        fail(cmd, "preflight", new LiveUsageError(`--source is required${why}`));
      }
      try {
        const report = await runPreflight({
          source: { url: source, secretFile: file(io, opts.sourceSecretFile), tls: opts.tls, env: io.env },
          tables: opts.tables,
          tableMappingsFile: file(io, opts.tableMappings),
          // --migration: the tasks' own mappings (excludes and renames included) unless --tables/--table-mappings.
          tableMappings: opts.tables || opts.tableMappings ? undefined : defaults?.mappings,
          migrationType: opts.migrationType,
          lobMode: opts.lobMode,
          lobMaxSizeKb: positiveInt("--lob-max-size")(opts.lobMaxSize),
          targetEngine: opts.targetEngine ?? defaults?.targetEngine,
        });
        io.stdout(opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatPreflightText(report));
        io.setExitCode(report.ok ? 0 : 1);
      } catch (error) {
        fail(cmd, "preflight", error);
      }
    });
}

/**
 * `preflight --engine oracle|sqlserver`: no driver connects (docs/heterogeneous.md, "Preflight for
 * Oracle and SQL Server"): print the queries, or judge the rows the operator saved.
 */
function commercialPreflight(io: LiveCommandIo, opts: PreflightCliOptions): void {
  const engine = opts.engine as CommercialSourceEngine;
  const database = opts.database ?? "";
  if (engine === "sqlserver" && !database) throw new LiveUsageError("--engine sqlserver needs --database <name>");
  const scope = { hosting: opts.hosting, migrationType: opts.migrationType, database };
  const queries = commercialQueries(engine, scope);
  if (opts.queries) {
    io.stdout(
      opts.format === "json"
        ? `${JSON.stringify({ engine, ...scope, queries }, null, 2)}\n`
        : formatQueries(engine, queries, scope),
    );
    io.setExitCode(0);
    return;
  }
  if (opts.results === undefined) {
    throw new LiveUsageError(`--engine ${engine} needs --queries (print the SQL) or --results <file> (judge its rows)`);
  }
  const path = file(io, opts.results) as string;
  let rows: QueryRows;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    const valid =
      typeof parsed === "object" &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every(
        (v) => Array.isArray(v) && v.every((r) => typeof r === "object" && r !== null && !Array.isArray(r)),
      );
    if (!valid) throw new Error('must be { "<query id>": [ { "<column>": value, ... } ] }');
    rows = parsed as QueryRows;
  } catch (error) {
    throw new LiveUsageError(`--results ${opts.results}: ${messageOf(error)}`);
  }
  const checks =
    engine === "oracle"
      ? oracleChecks(rows, { ...scope, reader: opts.reader })
      : sqlServerChecks(rows, { ...scope, database });
  const report = {
    command: "preflight" as const,
    source: {
      connection: `${opts.results} (rows pasted from ${engine})`,
      engine,
      version: "as queried",
      managed: opts.hosting,
    },
    migrationType: opts.migrationType,
    tables: [] as string[],
    checks,
    ...summarize(checks),
  };
  io.stdout(
    opts.format === "json"
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatPreflightText(report as unknown as Parameters<typeof formatPreflightText>[0]),
  );
  io.setExitCode(report.ok ? 0 : 1);
}

interface ValidateCliOptions extends MigrationCliOptions {
  source?: string;
  target?: string;
  sourceSecretFile?: string;
  targetSecretFile?: string;
  tls: TlsMode;
  tables?: string;
  tableMappings?: string;
  targetSchema?: string;
  chunkSize: string;
  format: "text" | "json";
  warehouse?: string;
  out?: string;
}

/** `dms-platform validate`: compare counts and contents of source and target, the cutover gate. */
export function registerValidateCommand(program: Command, output: LiveCommandIo | CliContextLike = processIo): Command {
  const io = toIo(output);
  const command = program
    .command("validate")
    .description("compare row counts and content checksums of the selected tables on source and target")
    .option("--source <url>", "source database: mysql://, mariadb:// or postgres://user@host:port/database")
    .option("--target <url>", "target database: mysql://, mariadb:// or postgres://user@host:port/database")
    .option("--source-secret-file <file>", "Secrets Manager secret JSON holding the source password")
    .option("--target-secret-file <file>", "Secrets Manager secret JSON holding the target password")
    .addOption(tlsOption())
    .option("--tables <patterns>", "comma-separated schema.table patterns (DMS selection syntax, % and _ wildcards)")
    .option("--table-mappings <file>", "DMS table-mapping JSON whose selection rules choose the tables")
    .option("--target-schema <schema>", "look the tables up in this schema on the target (default: the source schema)")
    .option("--chunk-size <rows>", "rows per checksum chunk", "10000")
    .option(
      "--warehouse <file>",
      "a Redshift target (--migration): the foundation's warehouse output (pulumi stack output warehouse --json)",
    )
    .option("--out <file>", "an S3 target (--migration): write the manifest of its files here instead of printing it")
    .addOption(formatOption());
  return addMigrationOptions(command)
    .addHelpText("after", ANALYTICS_HELP + EXIT_CODES)
    .action(async (opts: ValidateCliOptions, cmd: Command) => {
      let defaults: Awaited<ReturnType<typeof migrationDefaults>>;
      try {
        defaults = await migrationDefaults(io, opts);
      } catch (error) {
        fail(cmd, "validate", error);
      }
      if (defaults?.analyticsTarget) {
        await analyticsValidate(io, opts, defaults, cmd);
        return;
      }
      if (opts.warehouse !== undefined || opts.out !== undefined) {
        fail(
          cmd,
          "validate",
          new LiveUsageError(
            `${opts.warehouse !== undefined ? "--warehouse" : "--out"}: only for a migration (--migration) whose target is Redshift (--warehouse) or S3 (--out)`,
          ),
        );
      }
      const sourceUrl = opts.source ?? defaults?.sourceUrl;
      if (!sourceUrl || !opts.target) {
        const why = !sourceUrl && defaults?.sourceUrlMissing ? ` (${defaults.sourceUrlMissing})` : "";
        fail(cmd, "validate", new LiveUsageError(`${sourceUrl ? "--target" : "--source"} is required${why}`));
      }
      const progress =
        io.isTTY && opts.format === "text"
          ? (e: { table: string; rows: number; total: number }) =>
              io.stderr(
                `\r${e.table}: ${e.rows.toLocaleString("en-US")} / ${e.total.toLocaleString("en-US")} rows\x1b[K`,
              )
          : undefined;
      try {
        const report = await runValidate({
          source: { url: sourceUrl, secretFile: file(io, opts.sourceSecretFile), tls: opts.tls, env: io.env },
          target: { url: opts.target, secretFile: file(io, opts.targetSecretFile), tls: opts.tls, env: io.env },
          tables: opts.tables,
          tableMappingsFile: file(io, opts.tableMappings),
          // --migration: the tasks' own mappings (excludes and renames included) unless --tables/--table-mappings.
          tableMappings: opts.tables || opts.tableMappings ? undefined : defaults?.mappings,
          targetSchema: opts.targetSchema,
          chunkSize: positiveInt("--chunk-size")(opts.chunkSize),
          progress,
        });
        if (progress) io.stderr("\r\x1b[K");
        io.stdout(opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatValidateText(report));
        io.setExitCode(report.ok ? 0 : 1);
      } catch (error) {
        if (progress) io.stderr("\r\x1b[K");
        fail(cmd, "validate", error);
      }
    });
}

const ANALYTICS_HELP = `
A migration into Redshift or S3 (--migration): Redshift row counts through the Redshift Data API
(--warehouse, no checksums: they are not comparable across engines); S3 each table's files in the
lake (ListObjectsV2) and a manifest, DMS's row counts against the source's (the Parquet files are
not read). The output says what was compared and what was not (docs/analytics-targets.md).
`;

/** `validate --migration NAME` when the target is Redshift or S3 (operate/analytics). */
async function analyticsValidate(
  io: LiveCommandIo,
  opts: ValidateCliOptions,
  defaults: NonNullable<Awaited<ReturnType<typeof migrationDefaults>>>,
  cmd: Command,
): Promise<void> {
  try {
    const analytics = await import("../operate/analytics/validate-command.js");
    const sourceUrl = opts.source ?? defaults.sourceUrl;
    analytics.checkAnalyticsOptions(defaults, {
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      ...(opts.warehouse !== undefined ? { warehouse: opts.warehouse } : {}),
      ...(sourceUrl !== undefined ? { sourceUrl } : {}),
      ...(defaults.sourceUrlMissing !== undefined ? { sourceUrlMissing: defaults.sourceUrlMissing } : {}),
    });
    const root = io.repoRoot ?? resolve(__dirname, "..", "..", "..");
    const cwd = io.cwd ?? process.cwd();
    const env = io.env ?? process.env;
    const { report, text } = await analytics.runAnalyticsValidate({
      stacksDir: opts.stacksDir ? resolve(cwd, opts.stacksDir) : join(root, "stacks"),
      repoRoot: root,
      cwd,
      environment: opts.env as "dev" | "test" | "prod",
      migration: opts.migration as string,
      defaults,
      env,
      ...(sourceUrl !== undefined
        ? { source: { url: sourceUrl, secretFile: file(io, opts.sourceSecretFile), tls: opts.tls, env } }
        : {}),
      ...(defaults.sourceUrlMissing !== undefined ? { sourceMissing: defaults.sourceUrlMissing } : {}),
      ...(opts.warehouse !== undefined ? { warehouse: opts.warehouse } : {}),
      ...(opts.out !== undefined ? { out: opts.out } : {}),
      ...(opts.tables !== undefined ? { tables: opts.tables } : {}),
      format: opts.format,
      now: new Date(),
    });
    io.stdout(text);
    io.setExitCode(report.ok ? 0 : 1);
  } catch (error) {
    fail(cmd, "validate", error);
  }
}
