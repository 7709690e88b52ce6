import type { Environment } from "@dms-platform/config";
import type { PolicyConfigDocument } from "@dms-platform/offline";
import type { Policy } from "@pulumi/policy";

/** A Pulumi program as the offline engine runs it; what it returns becomes the stack's outputs. */
// biome-ignore lint/suspicious/noConfusingVoidType: a program may return nothing (an `async () => {}`), as Pulumi's inline programs may
export type StackProgram = () => Promise<Record<string, unknown> | void>;

/** One Pulumi project of the repo (a directory under `stacks/`), as `plan` runs it. */
export interface StackDefinition {
  /** Directory name under the stacks dir and the --stack value: "foundation" | "replication". */
  name: string;
  /** Pulumi project name (from <dir>/Pulumi.yaml `name:`), also the config namespace. */
  project: string;
  /** Loads the program lazily (so `plan --stack foundation` never loads the replication code). */
  load(): Promise<StackProgram>;
  /**
   * Stacks whose outputs this one reads: given this stack's raw config (namespace:key map, as read
   * from Pulumi.<env>.yaml) and env, return { [stackReferenceName]: "<other stack name>" }.
   */
  references?(config: Record<string, unknown>, env: Environment): Record<string, string>;
  /**
   * The project's stacks in an environment when it holds one per migration (replication): the
   * primary stack `<env>` (no `migration`) first, then `<name>-<env>` by name, each with its config
   * file. Absent: one stack, named `<env>`, config `<dir>/Pulumi.<env>.yaml`.
   */
  instances?(stacksDir: string, env: Environment): Promise<StackInstance[]>;
}

/** One Pulumi stack of a project that holds one stack per migration (docs/migrations.md). */
export interface StackInstance {
  /** The Pulumi stack name: `<env>` for the primary migration, `<name>-<env>` for a named one. */
  stack: string;
  /** Its config file (absolute, or relative to the working directory). */
  file: string;
  /** The migration's name, for a named migration (the primary's is its `application`). */
  migration?: string;
}

/** The policy pack as `plan` evaluates it: the pack's policies and each environment's policy config. */
export interface PolicySource {
  policies: ReadonlyArray<Policy>;
  /** The document of `policies/config/<env>.json`; a bad one throws a PolicyConfigError naming the file. */
  loadPolicyConfig(env: Environment): PolicyConfigDocument | Promise<PolicyConfigDocument>;
  /** How reports name an environment's policy config. @default `policies/config/<env>.json` */
  policyConfigFile?(env: Environment): string;
  /** Name of the pack, as in PulumiPolicy.yaml / `new PolicyPack(name)`. @default "dms-platform" */
  policyPackName?: string;
  /** The pack's directory (PulumiPolicy.yaml, package.json), for `--policy-engine grpc`. */
  packDir?: string;
}

/**
 * How violations are computed: `in-process` evaluates the policies array directly (the default:
 * no process to start); `grpc` starts the pack as the Pulumi CLI does and speaks its analyzer
 * protocol, to prove the verdicts are the ones `pulumi preview --policy-pack` prints.
 */
export const POLICY_ENGINES = ["in-process", "grpc"] as const;
export type PolicyEngine = (typeof POLICY_ENGINES)[number];

/** Everything `plan` runs: the stacks and the policy pack. */
export interface PlanRegistry extends PolicySource {
  stacks: StackDefinition[];
}
