import { resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { CliError } from "../../errors.js";
import type { ConnectionOptions } from "../../live/connection.js";
import { LiveUsageError } from "../../live/errors.js";
import type { MigrationLiveDefaults } from "../../migrations/live-defaults.js";
import { awsClients, operateAws } from "../aws.js";
import { type OperatedMigration, resolveMigrations } from "../migration.js";
import { type MigrationStatus, migrationStatus } from "../status.js";
import type { AnalyticsReport } from "./compare.js";
import { formatAnalyticsText } from "./compare.js";
import { analyticsClients, compareAnalyticsTarget } from "./run.js";
import { readWarehouseFile, WarehouseFileError } from "./warehouse.js";

/** How to write the --warehouse file, said wherever it is missing. */
export const WAREHOUSE_HOWTO =
  "write it with `pulumi stack output warehouse --json > warehouse.json` in stacks/foundation (the foundation stack of the environment)";

/**
 * The checks of a Redshift or S3 migration's validate options before any connection: a database URL
 * for the target is refused (there is none to give), Redshift needs --warehouse.
 */
export function checkAnalyticsOptions(
  defaults: Pick<MigrationLiveDefaults, "analyticsTarget" | "file">,
  options: { target?: string; warehouse?: string; sourceUrl?: string; sourceUrlMissing?: string },
): void {
  const kind = defaults.analyticsTarget;
  const key =
    kind === "s3" ? "dms-platform-replication:migration.target.s3" : "dms-platform-replication:migration.target.engine";
  if (options.target !== undefined) {
    throw new LiveUsageError(
      `--target: ${defaults.file}: ${key}: this migration writes to ${kind === "s3" ? "an Amazon S3 data lake" : "Amazon Redshift"}, which is not read through a database URL: drop --target${kind === "redshift" ? ` and give --warehouse <file> (${WAREHOUSE_HOWTO})` : ""}`,
    );
  }
  if (kind === "redshift") {
    if (options.warehouse === undefined) {
      throw new LiveUsageError(
        `--warehouse is required: ${defaults.file}: ${key}: redshift: row counts are read through the Redshift Data API from the foundation's warehouse output; ${WAREHOUSE_HOWTO}`,
      );
    }
    if (options.sourceUrl === undefined) {
      throw new LiveUsageError(
        `--source is required (${options.sourceUrlMissing ?? "the stack file gives no source URL"})`,
      );
    }
  }
}

export interface AnalyticsValidateArgs {
  stacksDir: string;
  repoRoot: string;
  cwd: string;
  environment: Environment;
  migration: string;
  defaults: MigrationLiveDefaults;
  env: NodeJS.ProcessEnv;
  source?: ConnectionOptions;
  sourceMissing?: string;
  warehouse?: string;
  out?: string;
  /** `--tables`: instead of the tasks' selection. */
  tables?: string;
  format: "text" | "json";
  now: Date;
}

/** `validate --migration NAME` for a Redshift or S3 target: the report and its text. */
export async function runAnalyticsValidate(
  args: AnalyticsValidateArgs,
): Promise<{ report: AnalyticsReport; text: string }> {
  const [migration] = resolveMigrations(args.stacksDir, args.environment, args.migration, args.repoRoot);
  if (!migration) throw new LiveUsageError(`--migration: no migration "${args.migration}" in ${args.environment}`);
  const region = migration.region ?? args.env.AWS_REGION ?? args.env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new LiveUsageError(
      `${migration.file}: aws:region: is not set and neither is AWS_REGION: give the stack file its region`,
    );
  }
  let warehouse: ReturnType<typeof readWarehouseFile> | undefined;
  if (args.warehouse !== undefined) {
    try {
      warehouse = readWarehouseFile(resolve(args.cwd, args.warehouse), args.warehouse);
    } catch (err) {
      if (err instanceof WarehouseFileError) throw new LiveUsageError(`--warehouse ${err.message}`);
      throw err;
    }
  }
  const clients = awsClients(region);
  // S3: DMS's counts per table come from the same reads as `status`.
  const status =
    args.defaults.analyticsTarget === "s3"
      ? await migrationStatus(operateAws(region, clients), migration, args.now)
      : undefined;
  const report = await compareAnalyticsTarget({
    migration,
    defaults: args.defaults,
    ...(args.source ? { source: args.source } : {}),
    ...(args.sourceMissing ? { sourceMissing: args.sourceMissing } : {}),
    ...(warehouse ? { warehouse } : {}),
    ...(status ? { status } : {}),
    ...(args.tables !== undefined ? { tables: args.tables } : {}),
    clients: analyticsClients(region, () => clients.dms),
    ...(args.out !== undefined ? { outFile: { path: resolve(args.cwd, args.out), shownAs: args.out } } : {}),
  });
  const text =
    args.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatAnalyticsText(report, { manifest: true });
  return { report, text };
}

/** Read --warehouse for a command of the CLI frame (a bad file is a usage error naming it and the key). */
export function loadWarehouse(cwd: string, path: string): ReturnType<typeof readWarehouseFile> {
  try {
    return readWarehouseFile(resolve(cwd, path), path);
  } catch (err) {
    if (err instanceof WarehouseFileError) throw new CliError(`--warehouse ${err.message}`);
    throw err;
  }
}

/** cutover-check's data condition for a Redshift or S3 target, over the status it already read. */
export function compareForCutover(args: {
  migration: OperatedMigration;
  region: string;
  defaults: MigrationLiveDefaults;
  status: MigrationStatus;
  source?: ConnectionOptions;
  sourceMissing?: string;
  warehouse?: ReturnType<typeof readWarehouseFile>;
  outFile?: { path: string; shownAs: string };
}): Promise<AnalyticsReport> {
  const clients = awsClients(args.region);
  return compareAnalyticsTarget({
    migration: args.migration,
    defaults: args.defaults,
    status: args.status,
    ...(args.source ? { source: args.source } : {}),
    ...(args.sourceMissing ? { sourceMissing: args.sourceMissing } : {}),
    ...(args.warehouse ? { warehouse: args.warehouse } : {}),
    clients: analyticsClients(args.region, () => clients.dms),
    ...(args.outFile ? { outFile: args.outFile } : {}),
  });
}
