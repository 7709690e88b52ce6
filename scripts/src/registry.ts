import { dirname } from "node:path";
import type { Environment } from "@dms-platform/config";
import { CliError } from "./errors.js";
import type { PlanRegistry, PolicySource, StackDefinition, StackInstance, StackProgram } from "./stacks.js";

/** What a stack package (`stacks/<name>`, `@dms-platform/stack-<name>`) exports from its index. */
interface StackModule {
  /** The Pulumi program (what `index.ts` runs under the CLI); what it returns becomes the outputs. */
  program: StackProgram;
  /** The Pulumi project name, equal to its Pulumi.yaml `name:`. */
  project: string;
}

/** What the replication stack package exports for listing its migrations (docs/migrations.md). */
interface MigrationsModule {
  listMigrationStacks(stacksDir: string, env: Environment): StackInstance[];
}

/** What `@dms-platform/policies/rules` exports. */
interface RulesModule {
  policies: PolicySource["policies"];
  loadPolicyConfig: PolicySource["loadPolicyConfig"];
  /** The pack's name, as in `new PolicyPack(name)`. */
  POLICY_PACK_NAME?: string;
}

/**
 * Import a workspace package by a name held in a variable: the stacks and the pack are built after
 * the CLI can be, and a literal specifier would make this package fail to compile without them.
 */
async function importWorkspace<T>(specifier: string, what: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      throw new CliError(`cannot load ${what} (${specifier}): it is not built; run \`npm run build\``);
    }
    throw err;
  }
}

function stackFromPackage(name: string, project: string, specifier: string): Omit<StackDefinition, "references"> {
  return {
    name,
    project,
    async load() {
      const mod = await importWorkspace<StackModule>(specifier, `stack "${name}"`);
      if (typeof mod.program !== "function") throw new CliError(`${specifier} does not export a \`program\` function`);
      if (mod.project !== project) {
        throw new CliError(`${specifier} exports project "${String(mod.project)}", expected "${project}"`);
      }
      return mod.program;
    },
  };
}

/** Config key of the replication stack naming the foundation stack it reads (a StackReference name). */
export const FOUNDATION_STACK_KEY = "dms-platform-replication:foundationStack";

/** The repo's stacks, in dependency order; each program is imported only when a plan runs it. */
export function defaultStacks(): StackDefinition[] {
  return [
    stackFromPackage("foundation", "dms-platform-foundation", "@dms-platform/stack-foundation"),
    {
      ...stackFromPackage("replication", "dms-platform-replication", "@dms-platform/stack-replication"),
      references(config: Record<string, unknown>, env: Environment) {
        // Unset, the program reads `${pulumi.getOrganization()}/dms-platform-foundation/<env>`, and the
        // offline engine answers the self-managed backend's organisation (DEFAULT_ORGANIZATION).
        const ref = config[FOUNDATION_STACK_KEY];
        return { [typeof ref === "string" ? ref : `organization/dms-platform-foundation/${env}`]: "foundation" };
      },
      async instances(stacksDir: string, env: Environment) {
        const mod = await importWorkspace<MigrationsModule>("@dms-platform/stack-replication", 'stack "replication"');
        return mod.listMigrationStacks(stacksDir, env);
      },
    },
  ];
}

/** The repo's policy pack (`policies/`), imported when a plan evaluates it. */
export async function defaultPolicies(): Promise<PolicySource> {
  const rules = await importWorkspace<RulesModule>("@dms-platform/policies/rules", "the policy pack");
  if (!Array.isArray(rules.policies) || typeof rules.loadPolicyConfig !== "function") {
    throw new CliError("@dms-platform/policies/rules must export `policies` and `loadPolicyConfig(env)`");
  }
  return {
    policies: rules.policies,
    loadPolicyConfig: rules.loadPolicyConfig,
    // dist/rules.js -> the pack's directory, for `--policy-engine grpc`.
    packDir: dirname(dirname(require.resolve("@dms-platform/policies/rules"))),
    ...(rules.POLICY_PACK_NAME ? { policyPackName: rules.POLICY_PACK_NAME } : {}),
  };
}

/** The stacks and the pack `plan` runs by default. */
export async function defaultRegistry(): Promise<PlanRegistry> {
  return { stacks: defaultStacks(), ...(await defaultPolicies()) };
}
