/** What a program would build: the offline engine's result, and the input of policies and plans. */

/** Resource options as the engine sees them. */
export interface ResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  aliases: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
  deletedWith?: string;
  importId?: string;
  /** The provider reference (`<provider urn>::<id>`), or the synthesised default provider's. */
  provider?: string;
}

/** One registered resource. */
export interface GraphResource {
  urn: string;
  type: string;
  name: string;
  /** Whether it is a custom (cloud) resource rather than a component. */
  custom: boolean;
  /** A resource the program reads rather than manages (`Resource.get`, a StackReference). */
  read?: boolean;
  /** The parent's urn; the stack's urn for top-level resources, undefined for the stack itself. */
  parent?: string;
  /**
   * Inputs as the engine receives them, plain JSON: secrets are "[secret]", values unknown until
   * apply are the engine's unknown sentinel (see UNKNOWN), resource references are their urn.
   */
  inputs: Record<string, unknown>;
  /** The id the (mock) provider returned. */
  id?: string;
  /** Outputs the (mock) provider returned (secret inputs stay "[secret]"). */
  outputs: Record<string, unknown>;
  /** Urns this resource depends on (parent excluded), in registration order. */
  dependencies: string[];
  /** Per-input-property dependencies. */
  propertyDependencies: Record<string, string[]>;
  options: ResourceOptions;
  /** The package version the SDK declared (e.g. 7.48.0 for aws). */
  version?: string;
  /** Its change, decided when it registered, for a program run against a stack's state. */
  decision?: ChangeDecision;
  /**
   * Where each top-level input holding a known secret came from (absent when none does). The
   * inputs show every secret as "[secret]", so this is what tells a generated password from one
   * written in the program: @pulumi/aws wraps every schema-secret input in `pulumi.secret`, a
   * literal included, and a policy sees it unwrapped.
   */
  secretInputs?: Record<string, SecretOrigin>;
}

/**
 * Where a secret input's value came from:
 * - `resource`: it depends on another resource (propertyDependencies): a random password, a stack
 *   reference's output, a managed secret;
 * - `secret-config`: it holds a secret config value (`secure:` in the stack file; `plan` cannot
 *   decrypt one and passes "[secret]", which is what it then holds);
 * - `config`: it is a plain (unencrypted) config value, `key` naming it;
 * - `invoke`: it is a value a data source (an invoke) returned;
 * - `environment`: it is the value of an environment variable of the process running the program
 *   (`process.env.DB_PASSWORD`, a CI secret), `variable` naming it;
 * - `program`: none of these: a literal in the program's code.
 */
export type SecretOrigin =
  | { from: "resource" }
  | { from: "secret-config" }
  | { from: "config"; key: string }
  | { from: "invoke" }
  | { from: "environment"; variable: string }
  | { from: "program" };

/** What the engine does to a resource. */
export type ChangeOp = "create" | "update" | "replace" | "delete" | "same";

/** A resource's operation, decided as the engine and the provider decide it. */
export interface ChangeDecision {
  op: ChangeOp;
  /** Top-level input keys that differ (or become unknown), sorted. */
  diff: string[];
  /** Input paths whose change forces the replacement (ForceNew or replaceOnChanges), sorted. */
  replaceKeys: string[];
  /** Input keys whose new value is unknown until apply, sorted. */
  unknownKeys: string[];
}

/** A provider the resources use: registered by the program, or a default provider synthesised from config. */
export interface GraphProvider {
  urn: string;
  type: string;
  name: string;
  /** Provider inputs; default providers take them from the stack's `<package>:*` config, as strings. */
  inputs: Record<string, unknown>;
  /** True for a default provider the CLI would create from stack config. */
  isDefault: boolean;
}

export interface ResourceGraph {
  project: string;
  stack: string;
  /** Every registered resource, the stack first, in registration order. */
  resources: GraphResource[];
  /** Providers referenced by resources (default providers are not in `resources`). */
  providers: GraphProvider[];
  /** The stack's outputs (secrets "[secret]"). */
  outputs: Record<string, unknown>;
  /** Messages the program logged at warning or error level. */
  diagnostics: Array<{ severity: "warning" | "error"; message: string; urn?: string }>;
}

/** The engine's sentinel for a value unknown until apply (the same string the Pulumi engine uses). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How secrets appear in graphs, plans and reports. */
export const SECRET = "[secret]";

/** The urn of a provider reference (`<provider urn>::<id>`). */
function providerUrn(ref: string): string {
  const end = ref.lastIndexOf("::");
  return end < 0 ? "" : ref.slice(0, end);
}

/** The provider a resource uses, if any. */
export function providerOf(graph: ResourceGraph, resource: GraphResource): GraphProvider | undefined {
  const ref = resource.options.provider;
  if (!ref) return undefined;
  const urn = providerUrn(ref);
  return graph.providers.find((p) => p.urn === urn);
}

/** `providerOf` for many resources of one graph: the providers indexed once instead of searched per resource. */
export function providerLookup(graph: ResourceGraph): (resource: GraphResource) => GraphProvider | undefined {
  const byUrn = new Map<string, GraphProvider>();
  // The first of equal urns, as `find` returns.
  for (const p of graph.providers) if (!byUrn.has(p.urn)) byUrn.set(p.urn, p);
  return (resource) => {
    const ref = resource.options.provider;
    return ref ? byUrn.get(providerUrn(ref)) : undefined;
  };
}
