import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** The concerns policies are grouped by, one folder each under src/. */
export const CONCERNS = [
  "dms",
  "rds",
  "network",
  "encryption",
  "monitoring",
  "iam",
  "audit",
  "s3",
  "tagging",
  "redshift",
] as const;
export type Concern = (typeof CONCERNS)[number];

/** A resource's inputs as policies see them (unknown values throw when read, as under the analyzer). */
export type Props = Readonly<Record<string, unknown>>;

/** What the docs table shows about a policy besides its name and levels. */
export interface PolicyInfo {
  concern: Concern;
  /** The control the policy mirrors, e.g. `Security Hub DMS.1`. */
  control: string;
  /** The resource types the policy judges ("any" for policies judging every resource). */
  types: readonly string[] | "any";
  kind: "resource" | "stack";
}

const catalog = new Map<string, PolicyInfo>();

/** The concern and control of a policy of this pack (undefined for a name the pack does not define). */
export function policyInfo(name: string): PolicyInfo | undefined {
  return catalog.get(name);
}

interface CommonSpec {
  /** kebab-case, reading as the rule: `dms-replication-instance-not-public`. */
  name: string;
  concern: Concern;
  /** The rule and why it matters (the control is appended). */
  description: string;
  /** The control mirrored: `Security Hub DMS.1`, `checkov CKV_AWS_212`. */
  control: string;
  /** The level when no policy config names the policy (the prod level). */
  enforcementLevel: EnforcementLevel;
  configSchema?: PolicyConfigSchema;
  /** Resource types judged. */
  types: readonly string[];
}

/** Resource types a resource policy judges: a list, or "any" (the policy filters itself). */
type ResourceTypes = readonly string[] | "any";

function register(spec: Omit<CommonSpec, "types"> & { types: ResourceTypes }, kind: PolicyInfo["kind"]): string {
  if (catalog.has(spec.name)) throw new Error(`policy "${spec.name}" is defined twice`);
  catalog.set(spec.name, { concern: spec.concern, control: spec.control, types: spec.types, kind });
  return `${spec.description} Control: ${spec.control}.`;
}

// The analyzer (@pulumi/policy server.js) skips a policy for other resource types without calling
// it when its validate function carries `__pulumiType`, which `validateResourceOfType` sets from
// the resource class. We set the same property from the type string, so the pack need not load
// @pulumi/aws at run time.
function withPulumiType<F extends object>(fn: F, types: readonly string[]): F {
  if (types.length === 1) Object.assign(fn, { __pulumiType: types[0] });
  return fn;
}

/** A policy judging each resource of `types` on its own. */
export function resourcePolicy(
  spec: Omit<CommonSpec, "types"> & {
    types: ResourceTypes;
    validate: (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;
  },
): ResourceValidationPolicy {
  const description = register(spec, "resource");
  const types = spec.types;
  const validate = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (types !== "any" && !types.includes(args.type)) {
      return args.notApplicable(`Policy only applies to resources of type ${types.join(", ")}`);
    }
    return spec.validate(args.props as Props, args, report);
  };
  const validateResource = types === "any" ? validate : withPulumiType(validate, types);
  return {
    name: spec.name,
    description,
    enforcementLevel: spec.enforcementLevel,
    ...(spec.configSchema ? { configSchema: spec.configSchema } : {}),
    validateResource,
  };
}

/** A policy judging the stack as a whole; it runs only when a resource of `types` is present. */
export function stackPolicy(
  spec: CommonSpec & {
    validate: (args: StackValidationArgs, report: ReportViolation) => void | Promise<void>;
  },
): StackValidationPolicy {
  const description = register(spec, "stack");
  const types = spec.types;
  const validateStack = withPulumiType((args: StackValidationArgs, report: ReportViolation) => {
    if (!args.resources.some((r) => types.includes(r.type))) {
      return args.notApplicable(`Policy only applies to stacks with resources of type ${types.join(", ")}`);
    }
    return spec.validate(args, report);
  }, types);
  return {
    name: spec.name,
    description,
    enforcementLevel: spec.enforcementLevel,
    ...(spec.configSchema ? { configSchema: spec.configSchema } : {}),
    validateStack,
  };
}
