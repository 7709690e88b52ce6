import type { EnforcementLevel, Policy, PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;

/**
 * A policy config document, the format of `pulumi preview --policy-pack-config <file>`:
 * `{ "all": "mandatory", "<policy>": "advisory" | { "enforcementLevel": "...", ...properties } }`.
 */
export type PolicyConfigDocument = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

/** What one policy runs with after the config is applied. */
export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  /** The policy's config properties, defaults from its schema applied. */
  properties: Record<string, unknown>;
}

/** A policy config document the pack would refuse (the CLI refuses it before a preview starts). */
export class PolicyConfigError extends Error {
  override readonly name = "PolicyConfigError";
  constructor(
    readonly file: string,
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${file}: ${path}: ${rule}`);
  }
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Validate a value against the JSON-schema subset policy config schemas use. Returns the first problem. */
export function checkJsonSchema(schema: PolicyConfigJSONSchema, value: unknown, path: string): string | undefined {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((t) => t === actual || (t === "number" && actual === "integer"))) {
    return `${path}: must be ${types.join(" or ")} (got ${JSON.stringify(value)})`;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    return `${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} (got ${JSON.stringify(value)})`;
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    return `${path}: must be ${JSON.stringify(schema.const)}`;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      return `${path}: must be >= ${schema.minimum} (got ${value})`;
    if (schema.maximum !== undefined && value > schema.maximum)
      return `${path}: must be <= ${schema.maximum} (got ${value})`;
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      return `${path}: must have at least ${schema.minLength} characters`;
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      return `${path}: must have at most ${schema.maxLength} characters`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      return `${path}: must match ${schema.pattern}`;
  }
  if (Array.isArray(value) && schema.items && !Array.isArray(schema.items)) {
    for (let i = 0; i < value.length; i++) {
      const problem = checkJsonSchema(schema.items as PolicyConfigJSONSchema, value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
  }
  if (actual === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) if (!(req in obj)) return `${path}.${req}: is required`;
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub === true) continue;
      if (sub) {
        const problem = checkJsonSchema(sub, v, `${path}.${k}`);
        if (problem) return problem;
      } else if (schema.additionalProperties === false) {
        return `${path}.${k}: is not a known property`;
      }
    }
  }
  return undefined;
}

/**
 * Apply a policy config document to a pack's policies the way the Pulumi CLI does before it
 * configures the analyzer: a per-policy level wins over `all`, which wins over the policy's own
 * level, which wins over the pack's; properties are checked against the policy's configSchema and
 * its defaults filled in. Unknown policy names and invalid properties are errors.
 */
export function resolvePolicyConfig(
  policies: ReadonlyArray<Policy>,
  document: PolicyConfigDocument | undefined,
  options: { packEnforcementLevel?: EnforcementLevel; file?: string } = {},
): Map<string, ResolvedPolicyConfig> {
  const file = options.file ?? "policy config";
  const packLevel = options.packEnforcementLevel ?? "advisory";
  const doc = document ?? {};
  const byName = new Map(policies.map((p) => [p.name, p]));
  let allLevel: EnforcementLevel | undefined;
  for (const [key, entry] of Object.entries(doc)) {
    if (key !== "all" && !byName.has(key)) {
      throw new PolicyConfigError(file, key, "no policy of that name in the pack");
    }
    const level = typeof entry === "object" && entry !== null ? entry.enforcementLevel : entry;
    if (level !== undefined && !isLevel(level)) {
      throw new PolicyConfigError(
        file,
        typeof entry === "object" ? `${key}.enforcementLevel` : key,
        `must be one of ${ENFORCEMENT_LEVELS.join(", ")} (got ${JSON.stringify(level)})`,
      );
    }
    if (key === "all") allLevel = level;
  }
  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    const entry = doc[policy.name];
    const own = typeof entry === "object" && entry !== null ? entry : undefined;
    const level =
      (typeof entry === "string" ? entry : own?.enforcementLevel) ?? allLevel ?? policy.enforcementLevel ?? packLevel;
    const properties: Record<string, unknown> = {};
    const schema: PolicyConfigSchema | undefined = policy.configSchema;
    for (const [k, sub] of Object.entries(schema?.properties ?? {})) {
      if (sub.default !== undefined) properties[k] = sub.default;
    }
    for (const [k, v] of Object.entries(own ?? {})) {
      if (k === "enforcementLevel") continue;
      const sub = schema?.properties[k];
      if (!sub)
        throw new PolicyConfigError(file, `${policy.name}.${k}`, "the policy has no config property of that name");
      const problem = checkJsonSchema(sub, v, `${policy.name}.${k}`);
      if (problem) {
        const [path, ...rest] = problem.split(": ");
        throw new PolicyConfigError(file, path ?? policy.name, rest.join(": "));
      }
      properties[k] = v;
    }
    for (const req of schema?.required ?? []) {
      if (properties[req] === undefined)
        throw new PolicyConfigError(file, `${policy.name}.${req}`, "is required by the policy's config schema");
    }
    resolved.set(policy.name, { enforcementLevel: level, properties });
  }
  return resolved;
}
