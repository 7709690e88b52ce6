import type {
  EnforcementLevel,
  Policy,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { type GraphProvider, type GraphResource, providerLookup, type ResourceGraph } from "./graph.js";
import { type PolicyConfigDocument, type ResolvedPolicyConfig, resolvePolicyConfig } from "./policy-config.js";
import { unknownCheckingProxy } from "./unknown-proxy.js";

// The same helpers the policy analyzer server uses (@pulumi/policy/server.js), so unknown values
// and type checks behave exactly as under `pulumi preview --policy-pack`.
// biome-ignore lint/suspicious/noExplicitAny: untyped internal modules, narrowed below
type Loose = any;
const proxy: {
  UnknownValueError: new (...args: unknown[]) => Error;
} = require("@pulumi/policy/proxy") as Loose;
const policyModule: {
  getPulumiType(x: unknown): string | undefined;
  isResourcePolicy(p: Policy): p is ResourceValidationPolicy;
  isStackPolicy(p: Policy): p is StackValidationPolicy;
} = require("@pulumi/policy/policy") as Loose;

/** One policy violation, as the CLI would print it. */
export interface Violation {
  policyPack: string;
  policy: string;
  enforcementLevel: "advisory" | "mandatory";
  /** The resource concerned (stack policies may report none). */
  urn?: string;
  /** What the policy reported; the policy's description when it reported no message. */
  message: string;
  description: string;
  severity?: string;
}

export interface EvaluateOptions {
  /** Policy config document (`policies/config/<env>.json`). */
  config?: PolicyConfigDocument;
  /** File the config came from, for errors. */
  configFile?: string;
  /** Name of the pack, as `new PolicyPack(name, ...)`. @default "dms-platform" */
  policyPackName?: string;
  /** Version of the pack. @default "0.0.1" */
  policyPackVersion?: string;
  /** The pack's own enforcement level. @default "advisory" */
  packEnforcementLevel?: EnforcementLevel;
  /** Stack tags (`pulumi stack tag`), given to policies as `stackTags`. */
  stackTags?: Record<string, string>;
}

/** A policy threw while validating: a bug in the policy, reported with where it happened. */
export class PolicyEvaluationError extends Error {
  override readonly name = "PolicyEvaluationError";
  constructor(
    readonly policy: string,
    readonly urn: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `policy "${policy}" failed on ${urn ?? "the stack"}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

class NotApplicableError extends Error {}
// A policy calls notApplicable() for every resource of a type it does not judge (multi-type
// policies carry no __pulumiType to be skipped by), and the error only unwinds the policy: nothing
// reads its stack or keeps it. Building one with a stack trace per resource × policy was half of
// the evaluation time on large graphs, so each distinct reason's error is built once, stackless.
const notApplicableErrors = new Map<string, NotApplicableError>();
const throwNotApplicable = (reason?: string): never => {
  const message = reason ?? "Policy does not apply";
  let err = notApplicableErrors.get(message);
  if (!err) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    err = new NotApplicableError(message);
    Error.stackTraceLimit = limit;
    if (notApplicableErrors.size >= 256) notApplicableErrors.clear();
    notApplicableErrors.set(message, err);
  }
  throw err;
};

function readonlyMap(tags: Record<string, string> | undefined): ReadonlyMap<string, string> {
  return new Map(Object.entries(tags ?? {}));
}

function resourceOptions(r: GraphResource): PolicyResourceOptions {
  const toSeconds = (v: string | undefined) => {
    if (!v) return 0;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v);
    if (!m) return 0;
    const n = Number(m[1]);
    return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : m[2] === "h" ? n * 3600 : n;
  };
  const opts: PolicyResourceOptions = {
    protect: r.options.protect,
    ignoreChanges: r.options.ignoreChanges,
    aliases: r.options.aliases,
    customTimeouts: {
      createSeconds: toSeconds(r.options.customTimeouts?.create),
      updateSeconds: toSeconds(r.options.customTimeouts?.update),
      deleteSeconds: toSeconds(r.options.customTimeouts?.delete),
    },
    additionalSecretOutputs: r.options.additionalSecretOutputs,
  };
  if (r.options.deleteBeforeReplace !== undefined) opts.deleteBeforeReplace = r.options.deleteBeforeReplace;
  if (r.parent) opts.parent = r.parent;
  return opts;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = policyModule.getPulumiType(resourceClass);
  if (pulumiType) return type === pulumiType;
  const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Provider inputs as policies see them: plain values (JSON-encoded objects stay strings, as from the CLI). */
function providerResource(p: GraphProvider | undefined) {
  if (!p) return undefined;
  return { type: p.type, props: unknownCheckingProxy({ ...p.inputs }), urn: p.urn, name: p.name };
}

interface Context {
  packName: string;
  packVersion: string;
  resolved: Map<string, ResolvedPolicyConfig>;
  stackTags: ReadonlyMap<string, string>;
  out: Violation[];
}

function reporter(
  ctx: Context,
  policy: Policy,
  level: "advisory" | "mandatory",
  defaultUrn: string | undefined,
): ReportViolation {
  return (message, urn) => {
    if (typeof message === "object" && message !== null) {
      const info = message as {
        name?: string;
        message?: string;
        description?: string;
        urn?: string;
        enforcementLevel?: EnforcementLevel;
        severity?: string;
      };
      const infoLevel = info.enforcementLevel === "remediate" ? "mandatory" : info.enforcementLevel;
      const finalUrn = info.urn ?? defaultUrn;
      ctx.out.push({
        policyPack: ctx.packName,
        policy: info.name ?? policy.name,
        enforcementLevel: infoLevel === "mandatory" || infoLevel === "advisory" ? infoLevel : level,
        ...(finalUrn ? { urn: finalUrn } : {}),
        message: info.message || info.description || policy.description,
        description: info.description || policy.description,
        ...(info.severity || policy.severity ? { severity: info.severity ?? policy.severity } : {}),
      });
      return;
    }
    const finalUrn = urn ?? defaultUrn;
    ctx.out.push({
      policyPack: ctx.packName,
      policy: policy.name,
      enforcementLevel: level,
      ...(finalUrn ? { urn: finalUrn } : {}),
      message: typeof message === "string" && message ? message : policy.description,
      description: policy.description,
      ...(policy.severity ? { severity: policy.severity } : {}),
    });
  };
}

function levelFor(ctx: Context, policy: Policy): "advisory" | "mandatory" | undefined {
  const level = ctx.resolved.get(policy.name)?.enforcementLevel ?? "advisory";
  if (level === "disabled") return undefined;
  // A remediation that still violates is reported as mandatory, as the analyzer does.
  return level === "remediate" ? "mandatory" : level;
}

function handleError(ctx: Context, policy: Policy, urn: string | undefined, err: unknown): void {
  if (err instanceof NotApplicableError) return;
  if (err instanceof proxy.UnknownValueError) {
    ctx.out.push({
      policyPack: ctx.packName,
      policy: policy.name,
      enforcementLevel: "advisory",
      ...(urn ? { urn } : {}),
      message: `can't run policy '${policy.name}' from policy pack '${ctx.packName}@v${ctx.packVersion}' during preview: ${err.message}`,
      description: policy.description,
    });
    return;
  }
  throw new PolicyEvaluationError(policy.name, urn, err);
}

/**
 * Evaluate CrossGuard policies on a resource graph in-process, building each policy's arguments
 * the way the analyzer does under `pulumi preview --policy-pack`: props with unknown-value
 * checking, urn, name, options, the resource's provider, `isType`/`asType`, `getConfig`,
 * `notApplicable`; stack policies get every resource with parent and dependencies linked.
 * Enforcement levels come from the config document (`all` and per policy), the policy, the pack.
 */
export async function evaluatePolicies(
  graph: ResourceGraph,
  policies: ReadonlyArray<Policy>,
  options: EvaluateOptions = {},
): Promise<Violation[]> {
  const ctx: Context = {
    packName: options.policyPackName ?? "dms-platform",
    packVersion: options.policyPackVersion ?? "0.0.1",
    resolved: resolvePolicyConfig(policies, options.config, {
      ...(options.packEnforcementLevel ? { packEnforcementLevel: options.packEnforcementLevel } : {}),
      ...(options.configFile ? { file: options.configFile } : {}),
    }),
    stackTags: readonlyMap(options.stackTags),
    out: [],
  };
  const getConfig = (policy: Policy) => () => ({ ...(ctx.resolved.get(policy.name)?.properties ?? {}) });

  const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => policyModule.isResourcePolicy(p));
  const stackPolicies = policies.filter((p): p is StackValidationPolicy => policyModule.isStackPolicy(p));
  const providerFor = providerLookup(graph);

  // What does not depend on the resource, decided once per policy rather than per resource × policy.
  const enabled = resourcePolicies.flatMap((policy) => {
    const level = levelFor(ctx, policy);
    const validateResource = policy.validateResource;
    if (!level || !validateResource) return [];
    return [
      {
        policy,
        level,
        validations: Array.isArray(validateResource) ? validateResource : [validateResource],
        // The analyzer's fast path: a single validation tagged with a type skips other types.
        pulumiType: Array.isArray(validateResource) ? undefined : policyModule.getPulumiType(validateResource),
        getConfig: getConfig(policy) as ResourceValidationArgs["getConfig"],
      },
    ];
  });

  for (const r of graph.resources) {
    let provider: ReturnType<typeof providerResource> | null = null;
    const opts = resourceOptions(r);
    for (const { policy, level, validations, pulumiType, getConfig: policyConfig } of enabled) {
      if (pulumiType && r.type !== pulumiType) continue;
      const report = reporter(ctx, policy, level, r.urn);
      for (const validate of validations) {
        try {
          const props = unknownCheckingProxy({ ...r.inputs });
          if (provider === null) provider = providerResource(providerFor(r));
          const args: ResourceValidationArgs = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts,
            stackTags: ctx.stackTags,
            isType: (cls: unknown) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
            getConfig: policyConfig,
            notApplicable: throwNotApplicable,
          } as ResourceValidationArgs;
          if (provider) (args as { provider?: unknown }).provider = provider;
          // Most policies are synchronous: await only a promise (the analyzer awaits every result,
          // but validations run one at a time either way, so the order of violations is the same).
          const pending: unknown = validate(args, report);
          if (pending !== undefined) await pending;
        } catch (err) {
          handleError(ctx, policy, r.urn, err);
        }
      }
    }
  }

  if (stackPolicies.length > 0) {
    const byUrn = new Map<string, PolicyResource>();
    const policyResources: PolicyResource[] = graph.resources.map((r) => {
      const props = unknownCheckingProxy({ ...r.inputs });
      const pr = {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: resourceOptions(r),
        dependencies: [] as PolicyResource[],
        propertyDependencies: {} as Record<string, PolicyResource[]>,
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: (cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined),
      } as unknown as PolicyResource;
      const provider = providerResource(providerFor(r));
      if (provider) (pr as { provider?: unknown }).provider = provider;
      byUrn.set(r.urn, pr);
      return pr;
    });
    graph.resources.forEach((r, i) => {
      const pr = policyResources[i] as PolicyResource & { parent?: PolicyResource };
      if (r.parent) {
        const parent = byUrn.get(r.parent);
        if (parent) pr.parent = parent;
      }
      pr.dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
      for (const [k, urns] of Object.entries(r.propertyDependencies)) {
        pr.propertyDependencies[k] = urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
      }
    });
    for (const policy of stackPolicies) {
      const level = levelFor(ctx, policy);
      if (!level) continue;
      const pulumiType = policyModule.getPulumiType(policy.validateStack);
      if (pulumiType && !graph.resources.some((r) => r.type === pulumiType)) continue;
      try {
        const args: StackValidationArgs = {
          resources: policyResources,
          getConfig: getConfig(policy) as StackValidationArgs["getConfig"],
          stackTags: ctx.stackTags,
          notApplicable: throwNotApplicable,
        } as StackValidationArgs;
        await policy.validateStack(args, reporter(ctx, policy, level, undefined));
      } catch (err) {
        handleError(ctx, policy, undefined, err);
      }
    }
  }
  return ctx.out;
}

/** Violations at one level. */
export function violationsAt(violations: ReadonlyArray<Violation>, level: "advisory" | "mandatory"): Violation[] {
  return violations.filter((v) => v.enforcementLevel === level);
}
