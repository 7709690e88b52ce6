import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ENVIRONMENTS, type Environment, isEnvironment, stackConfigFile } from "@dms-platform/config";

/**
 * Many migrations, one replication project (docs/migrations.md). The primary migration keeps the
 * plain stack names `dev`, `test`, `prod`; every other migration `<name>` has the stacks
 * `<name>-dev`, `<name>-test`, `<name>-prod` (files `Pulumi.<name>-<env>.yaml` beside the primary's),
 * and its `application` is `<name>`, so its physical names `<env>-<name>-<purpose>-dms` never
 * collide with another migration's. Pure: no Pulumi, so the CLI can use it before any plan runs.
 */

const NAME_PART = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `name` cannot name a migration (undefined when it can): a name part, and not an environment. */
export function migrationNameProblem(name: string): string | undefined {
  if (!NAME_PART.test(name)) return `"${name}" must be lowercase letters and digits separated by single hyphens`;
  if (isEnvironment(name)) return `"${name}" is an environment name (${ENVIRONMENTS.join(", ")}), not a migration`;
  return undefined;
}

/**
 * What a replication stack name means: `dev`/`test`/`prod` is the primary migration of that
 * environment; `<name>-<env>` is migration `<name>`; anything else is undefined.
 */
export function parseReplicationStackName(stack: string): { migration?: string; environment: Environment } | undefined {
  if (isEnvironment(stack)) return { environment: stack };
  const dash = stack.lastIndexOf("-");
  if (dash <= 0) return undefined;
  const migration = stack.slice(0, dash);
  const environment = stack.slice(dash + 1);
  if (!isEnvironment(environment) || migrationNameProblem(migration) !== undefined) return undefined;
  return { migration, environment };
}

/** The stack of a migration in an environment: `<env>` for the primary (undefined), else `<name>-<env>`. */
export function replicationStackName(migration: string | undefined, env: Environment): string {
  if (migration === undefined) return env;
  const problem = migrationNameProblem(migration);
  if (problem) throw new Error(`cannot name a replication stack: ${problem}`);
  return `${migration}-${env}`;
}

/**
 * The replication stacks of an environment found in a stacks directory (the directory holding
 * `replication/`, as `--stacks-dir`; the replication stack's own directory works too):
 * `Pulumi.<env>.yaml` (the primary, no `migration`) first, then each `Pulumi.<name>-<env>.yaml`
 * by name. `file` is the path of the file. Files of other environments are not listed; a file whose
 * name is no replication stack name at all is a ConfigError.
 */
export function listMigrationStacks(
  stacksDir: string,
  env: Environment,
): Array<{ stack: string; file: string; migration?: string }> {
  const nested = join(stacksDir, "replication");
  const dir = existsSync(nested) && statSync(nested).isDirectory() ? nested : stacksDir;
  const found: Array<{ stack: string; file: string; migration?: string }> = [];
  for (const entry of readdirSync(dir).sort()) {
    const match = /^Pulumi\.(.+)\.yaml$/.exec(entry);
    const stack = match?.[1];
    if (stack === undefined) continue;
    const parsed = parseReplicationStackName(stack);
    const file = join(dir, entry);
    // A file no stack name explains (`Pulumi.orders-staging.yaml`) would never be planned or
    // deployed: refuse it rather than skip it silently.
    if (!parsed) {
      throw new ConfigError(
        file,
        "",
        `"${stack}" is no replication stack name: name the file Pulumi.<env>.yaml (the primary migration) or Pulumi.<migration>-<env>.yaml, <env> one of ${ENVIRONMENTS.join(", ")} and <migration> lowercase letters and digits separated by single hyphens`,
      );
    }
    if (parsed.environment !== env) continue;
    found.push(parsed.migration === undefined ? { stack, file } : { stack, file, migration: parsed.migration });
  }
  // The primary first (it creates what others adopt), then the named migrations by name.
  return found.sort((a, b) =>
    a.migration === undefined ? -1 : b.migration === undefined ? 1 : a.migration.localeCompare(b.migration),
  );
}

/**
 * Check a validated config against the stack it runs as: a stack `<env>` (the primary) must have
 * `environment: <env>`; a stack `<name>-<env>` must also have `application: <name>`. Errors name
 * `Pulumi.<stack>.yaml` and the key.
 */
export function checkReplicationStack(
  stack: string,
  config: { environment: Environment; application: string },
  namespace: string,
): void {
  const file = stackConfigFile(stack);
  const parsed = parseReplicationStackName(stack);
  if (!parsed) {
    throw new ConfigError(
      file,
      `${namespace}:environment`,
      `the stack name "${stack}" is no replication stack: use ${ENVIRONMENTS.join(", ")} (the primary migration) or <migration>-<env> (a migration named by a lowercase name part)`,
    );
  }
  if (config.environment !== parsed.environment) {
    throw new ConfigError(
      file,
      `${namespace}:environment`,
      `must be "${parsed.environment}": the stack ${stack} is in ${parsed.environment} (got "${config.environment}")`,
    );
  }
  if (parsed.migration !== undefined && config.application !== parsed.migration) {
    throw new ConfigError(
      file,
      `${namespace}:application`,
      `must be "${parsed.migration}": the stack ${stack} is the migration ${parsed.migration}, and the application names its resources (got "${config.application}")`,
    );
  }
}
