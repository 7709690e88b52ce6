import type { Environment } from "@dms-platform/config";

/**
 * Which stacks a change touches (`dms-platform changed`), decided from the paths it changes.
 * Pure: the caller lists the changed paths (relative to the repository root, forward slashes)
 * and the migration stacks that exist now; docs/migrations.md has the rules as a table.
 */

const ENVS: readonly Environment[] = ["dev", "test", "prod"];

/** One stack to preview: an entry of the GitHub Actions matrix (`strategy.matrix.include`). */
export interface MatrixEntry {
  stack: "foundation" | "replication";
  /** The migration a replication stack runs (the primary's is its application). */
  migration?: string;
  env: Environment;
  /** Where `pulumi` runs (`pulumi -C <workDir>`), relative to the repository root. */
  workDir: string;
  /** The Pulumi stack: `<env>`, or `<name>-<env>` for a named migration. */
  stackName: string;
}

/** A replication stack of an environment, as it exists now. */
export interface MigrationStack {
  stackName: string;
  migration?: string;
}

/** A changed path; `deleted` when the file no longer exists. */
export interface ChangedPath {
  path: string;
  deleted: boolean;
}

/** What one path touches. */
export type Touch =
  | { kind: "nothing"; why: string }
  | { kind: "everything"; why: string }
  | { kind: "foundation"; envs: readonly Environment[]; why: string }
  | { kind: "migrations"; envs: readonly Environment[]; why: string }
  | { kind: "migration"; env: Environment; stackName: string; why: string };

/** Paths no deployment reads: documentation, benchmarks, the test runner and editor settings. */
const INERT = [
  /^docs\//,
  /\.md$/,
  /^bench\//,
  /^tools\//,
  /^LICENSE$/,
  /^\.gitignore$/,
  /^\.editorconfig$/,
  /^biome\.jsonc?$/,
  /^\.vscode\//,
];

/**
 * Everything: code every program or the preview itself runs (the shared packages, the policy pack,
 * the CLI, the dependencies, the build settings, the workflows that run the previews).
 */
const SHARED = [
  /^packages\//,
  /^policies\//,
  /^scripts\//,
  /^\.github\//,
  /^package(-lock)?\.json$/,
  /^tsconfig\.base\.json$/,
  /^turbo\.json$/,
];

const isEnv = (s: string): s is Environment => (ENVS as readonly string[]).includes(s);

/** What one path touches, and why (the text form of `changed` prints the why). */
export function touchOf(change: ChangedPath, parseStackName: (stack: string) => MigrationStackName | undefined): Touch {
  const { path } = change;
  if (INERT.some((re) => re.test(path))) return { kind: "nothing", why: "documentation, benchmarks or tooling" };
  const policyConfig = /^policies\/config\/([^/]+)\.json$/.exec(path);
  if (policyConfig?.[1] && isEnv(policyConfig[1])) {
    return { kind: "foundation", envs: [policyConfig[1]], why: `the policy config of ${policyConfig[1]}` };
  }
  const foundationFile = /^stacks\/foundation\/Pulumi\.([^/]+)\.yaml$/.exec(path);
  if (foundationFile?.[1]) {
    const env = foundationFile[1];
    if (!isEnv(env)) return { kind: "nothing", why: "not a stack of an environment" };
    if (change.deleted) return { kind: "nothing", why: "deleted: destroyed by its own flow, nothing to preview" };
    return { kind: "foundation", envs: [env], why: `the foundation's config of ${env}, read by its migrations` };
  }
  if (/^stacks\/foundation\//.test(path)) {
    return { kind: "foundation", envs: ENVS, why: "the foundation's program, read by every migration" };
  }
  const replicationFile = /^stacks\/replication\/Pulumi\.([^/]+)\.yaml$/.exec(path);
  if (replicationFile?.[1]) {
    const parsed = parseStackName(replicationFile[1]);
    if (!parsed) return { kind: "nothing", why: "not a replication stack name" };
    if (change.deleted) return { kind: "nothing", why: "deleted: destroyed by its own flow, nothing to preview" };
    return {
      kind: "migration",
      env: parsed.environment,
      stackName: replicationFile[1],
      why: parsed.migration ? `the config of migration ${parsed.migration}` : "the primary migration's config",
    };
  }
  if (/^stacks\/replication\//.test(path)) return { kind: "migrations", envs: ENVS, why: "the replication program" };
  if (SHARED.some((re) => re.test(path))) return { kind: "everything", why: "shared code, dependencies or workflows" };
  // Anything else (a new top-level directory, a new stack): preview everything rather than miss one.
  return { kind: "everything", why: "not known to touch nothing" };
}

/** What `parseReplicationStackName` of @dms-platform/stack-replication returns. */
export interface MigrationStackName {
  migration?: string;
  environment: Environment;
}

/**
 * The matrix of a change: every stack a changed path touches, once, in a stable order
 * (environment, the foundation, the primary migration, named migrations by name). A touched
 * migration stack that no longer exists (deleted) is left out.
 */
export function changedMatrix(
  changes: readonly ChangedPath[],
  stacksOf: (env: Environment) => readonly MigrationStack[],
  parseStackName: (stack: string) => MigrationStackName | undefined,
): { include: MatrixEntry[] } {
  const foundations = new Set<Environment>();
  const migrations = new Set<string>();
  const allMigrationsOf = (env: Environment) => {
    for (const m of stacksOf(env)) migrations.add(m.stackName);
  };
  for (const change of changes) {
    const touch = touchOf(change, parseStackName);
    switch (touch.kind) {
      case "nothing":
        break;
      case "everything":
        for (const env of ENVS) {
          foundations.add(env);
          allMigrationsOf(env);
        }
        break;
      case "foundation":
        for (const env of touch.envs) {
          foundations.add(env);
          allMigrationsOf(env);
        }
        break;
      case "migrations":
        for (const env of touch.envs) allMigrationsOf(env);
        break;
      case "migration":
        migrations.add(touch.stackName);
        break;
    }
  }
  const include: MatrixEntry[] = [];
  for (const env of ENVS) {
    if (foundations.has(env)) {
      include.push({ stack: "foundation", env, workDir: "stacks/foundation", stackName: env });
    }
    for (const m of stacksOf(env)) {
      if (!migrations.has(m.stackName)) continue;
      include.push({
        stack: "replication",
        ...(m.migration !== undefined ? { migration: m.migration } : {}),
        env,
        workDir: "stacks/replication",
        stackName: m.stackName,
      });
    }
  }
  return { include };
}
