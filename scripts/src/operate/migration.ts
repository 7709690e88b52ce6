import { basename, join } from "node:path";
import { type AlarmThresholds, type Environment, getProfile, readStackConfig } from "@dms-platform/config";
import {
  replicationConfigIdentifier,
  replicationInstanceIdentifier,
  replicationTaskIdentifier,
  taskDocuments,
} from "@dms-platform/dms/operate";
import { loadReplicationConfig, PROJECT } from "@dms-platform/stack-replication/config";
import { listMigrationStacks } from "@dms-platform/stack-replication/migrations";
import { CliError } from "../errors.js";

/** One task of a deployed migration, as `status` and `cutover-check` look it up in AWS. */
export interface OperatedTask {
  /** The task's name in the migration definition. */
  name: string;
  migrationType: "full-load" | "cdc" | "full-load-and-cdc";
  /** The ReplicationTaskIdentifier (instance) or ReplicationConfigIdentifier (Serverless). */
  identifier: string;
  /** Whether the task's settings turn DMS data validation on (profile default, or the task's own). */
  validationEnabled: boolean;
  /** Whether the stack starts it (its `start`, unless the stack's `startTasks: false` creates every task stopped). */
  start: boolean;
}

/** A migration of an environment, read from its replication stack file. */
export interface OperatedMigration {
  /** `--migration` names it: the stack's migration, or the primary's application. */
  name: string;
  stack: string;
  /** The stack file, as the user knows it (`stacks/replication/Pulumi.dev.yaml`). */
  file: string;
  environment: Environment;
  application: string;
  /** `aws:region` of the stack file (undefined: the SDK's chain decides). */
  region?: string;
  capacity: "instance" | "serverless";
  replicationInstanceId?: string;
  tasks: OperatedTask[];
  thresholds: AlarmThresholds;
  /** The source engine(s) and the target engine of the migration definition. */
  engines: { sources: string[]; target: string };
}

/**
 * The migrations of an environment found in `<stacksDir>/replication`, each validated by the
 * replication stack's own schema (a bad file is the same ConfigError `plan` gives), with its task
 * identifiers computed by the naming functions the component uses. `migration` picks one by name;
 * undefined or "all" takes every one.
 */
export function resolveMigrations(
  stacksDir: string,
  env: Environment,
  migration: string | undefined,
  displayRoot: string,
): OperatedMigration[] {
  const stacks = listMigrationStacks(stacksDir, env);
  const all = stacks.map(({ stack, file }) => {
    // With the project-level config of Pulumi.yaml applied, as `plan` and the CLI read it.
    const { values, secureKeys } = readStackConfig(file, stack);
    const config = loadReplicationConfig(values, basename(file), stack, [...secureKeys]);
    const parts = { environment: config.environment, application: config.application };
    const profile = getProfile(config.environment);
    const serverless = config.capacity?.kind === "serverless";
    const region = values["aws:region"];
    // "s3" for an S3 data lake (docs/analytics-targets.md), else the target database's engine.
    const targetEngine = "s3" in config.migration.target ? "s3" : config.migration.target.engine;
    const tasks = config.migration.tasks.map((task, i): OperatedTask => {
      const documents = taskDocuments(task, i, profile, basename(file), targetEngine);
      const settings = JSON.parse(documents.settingsJson) as {
        ValidationSettings?: { EnableValidation?: boolean };
      };
      return {
        name: task.name,
        migrationType: task.migrationType,
        identifier: serverless
          ? replicationConfigIdentifier(parts, task.name)
          : replicationTaskIdentifier(parts, task.name),
        validationEnabled: settings.ValidationSettings?.EnableValidation === true,
        start: config.startTasks === false ? false : (task.start ?? true),
      };
    });
    const relative = file.startsWith(`${displayRoot}/`) ? file.slice(displayRoot.length + 1) : file;
    return {
      name: stack === env ? config.application : stack.slice(0, -(env.length + 1)),
      stack,
      file: relative,
      environment: config.environment,
      application: config.application,
      ...(typeof region === "string" ? { region } : {}),
      capacity: serverless ? ("serverless" as const) : ("instance" as const),
      ...(serverless ? {} : { replicationInstanceId: replicationInstanceIdentifier(parts) }),
      tasks,
      thresholds: profile.alarms,
      engines: {
        sources: config.migration.source
          ? [config.migration.source.engine]
          : Object.values(config.migration.sources ?? {}).map((s) => s.engine),
        target: targetEngine,
      },
    };
  });
  if (all.length === 0) {
    throw new CliError(
      `no replication stack for ${env} in ${join(stacksDir, "replication")} (Pulumi.${env}.yaml or Pulumi.<migration>-${env}.yaml)`,
    );
  }
  if (migration === undefined || migration === "all") return all;
  // The stack name (`<env>`, `<migration>-<env>`) also names it: the deploy workflow knows only that.
  const found = all.filter((m) => m.name === migration || m.stack === migration);
  if (found.length === 0) {
    throw new CliError(
      `--migration: no migration "${migration}" in ${env} (found ${all.map((m) => m.name).join(", ")}; ${PROJECT} stacks in stacks/replication)`,
    );
  }
  return found;
}
