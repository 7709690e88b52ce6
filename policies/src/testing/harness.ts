// Test support: small resource graphs built by hand, and the per-policy contract every policy's
// test runs (a resource that passes, one that fails with the message a user reads, unknown values,
// the level from each environment's config).
import assert from "node:assert/strict";
import type { Environment } from "@dms-platform/config";
import {
  evaluatePolicies,
  type GraphResource,
  type PolicyConfigDocument,
  type ResourceGraph,
  UNKNOWN,
  type Violation,
} from "@dms-platform/offline";
import type { Policy } from "@pulumi/policy";
import { loadPolicyConfig } from "../config.js";

export { UNKNOWN };

const PROJECT = "policy-test";
const STACK = "test";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default`;

/** The five required tags, as a prod stack's provider sets them. */
export const PROD_TAGS = {
  Application: "orders",
  Environment: "prod",
  Owner: "data-platform",
  CostCenter: "cc-1234",
  DataClassification: "confidential",
} as const;

/** One resource of a test graph. */
export interface ResourceSpec {
  type: string;
  /** Logical name; unique within a fixture. @default derived from the type */
  name?: string;
  inputs: Record<string, unknown>;
  /** Names of resources of the same fixture each input depends on. */
  propertyDependencies?: Record<string, string[]>;
  /** Resource options. @default protect false */
  protect?: boolean;
}

/** A fixture: one resource, or several (for stack policies). */
export type Fixture = ResourceSpec | ResourceSpec[];

export interface GraphOptions {
  /** The default aws provider's inputs. @default defaultTags with PROD_TAGS, as a JSON string */
  provider?: Record<string, unknown> | null;
}

/** The urn a fixture resource gets. */
export function urnOf(spec: ResourceSpec): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${spec.type}::${nameOf(spec)}`;
}

function nameOf(spec: ResourceSpec): string {
  return spec.name ?? (spec.type.split(":").pop() ?? "r").toLowerCase();
}

/** A resource graph holding the fixture's resources under one default aws provider. */
export function graphOf(fixture: Fixture, options: GraphOptions = {}): ResourceGraph {
  const specs = Array.isArray(fixture) ? fixture : [fixture];
  const byName = new Map(specs.map((s) => [nameOf(s), urnOf(s)]));
  const providerInputs =
    options.provider === undefined
      ? { region: "eu-west-1", defaultTags: JSON.stringify({ tags: PROD_TAGS }) }
      : options.provider;
  const resources: GraphResource[] = specs.map((spec) => {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, names] of Object.entries(spec.propertyDependencies ?? {})) {
      propertyDependencies[k] = names.map((n) => {
        const urn = byName.get(n);
        if (!urn) throw new Error(`fixture: ${nameOf(spec)}.${k} depends on unknown resource "${n}"`);
        return urn;
      });
    }
    return {
      urn: urnOf(spec),
      type: spec.type,
      name: nameOf(spec),
      custom: true,
      parent: STACK_URN,
      inputs: spec.inputs,
      outputs: {},
      dependencies: [...new Set(Object.values(propertyDependencies).flat())],
      propertyDependencies,
      options: {
        protect: spec.protect ?? false,
        retainOnDelete: false,
        ignoreChanges: [],
        replaceOnChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        ...(providerInputs ? { provider: `${PROVIDER_URN}::provider-id` } : {}),
      },
    };
  });
  return {
    project: PROJECT,
    stack: STACK,
    resources: [
      {
        urn: STACK_URN,
        type: "pulumi:pulumi:Stack",
        name: `${PROJECT}-${STACK}`,
        custom: false,
        inputs: {},
        outputs: {},
        dependencies: [],
        propertyDependencies: {},
        options: {
          protect: false,
          retainOnDelete: false,
          ignoreChanges: [],
          replaceOnChanges: [],
          additionalSecretOutputs: [],
          aliases: [],
        },
      },
      ...resources,
    ],
    providers: providerInputs
      ? [{ urn: PROVIDER_URN, type: "pulumi:providers:aws", name: "default", inputs: providerInputs, isDefault: true }]
      : [],
    outputs: {},
    diagnostics: [],
  };
}

/** The entries of an environment's config document that concern the given policies. */
export function configFor(env: Environment, policies: readonly Policy[]): PolicyConfigDocument {
  const doc = loadPolicyConfig(env) as PolicyConfigDocument;
  const names = new Set(policies.map((p) => p.name));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => names.has(k)));
}

/** Evaluate policies on a fixture under an environment's config (prod by default). */
export async function evaluate(
  policies: Policy | readonly Policy[],
  fixture: Fixture,
  env: Environment = "prod",
  options: GraphOptions = {},
): Promise<Violation[]> {
  const list = Array.isArray(policies) ? (policies as readonly Policy[]) : [policies as Policy];
  return evaluatePolicies(graphOf(fixture, options), list, { config: configFor(env, list), configFile: `${env}.json` });
}

type Level = "advisory" | "mandatory";

export interface PolicyContract {
  /** Fixtures the policy accepts. */
  passes: Array<{ title: string; fixture: Fixture; env?: Environment; options?: GraphOptions }>;
  /** Fixtures the policy refuses, with the exact messages (in order) a user reads. */
  fails: Array<{ title: string; fixture: Fixture; messages: string[]; env?: Environment; options?: GraphOptions }>;
  /** A fixture whose decisive property is unknown during preview. */
  unknown: { fixture: Fixture; path: string; options?: GraphOptions };
  /** The enforcement level of the policy in each environment's config. */
  levels: Record<Environment, Level | "disabled">;
  /** A fixture refused in every environment, to read the levels from. @default the first of `fails` */
  levelFixture?: { fixture: Fixture; options?: GraphOptions };
}

/** The tests every policy has, generated from its contract. */
export function describePolicy(policy: Policy, contract: PolicyContract): void {
  describe(policy.name, () => {
    for (const p of contract.passes) {
      it(`accepts ${p.title}`, async () => {
        const v = await evaluate(policy, p.fixture, p.env ?? "prod", p.options);
        assert.deepEqual(
          v.map((x) => x.message),
          [],
        );
      });
    }
    for (const f of contract.fails) {
      it(`refuses ${f.title}`, async () => {
        const v = await evaluate(policy, f.fixture, f.env ?? "prod", f.options);
        assert.deepEqual(
          v.map((x) => x.message),
          f.messages,
        );
        for (const x of v) assert.equal(x.policy, policy.name);
      });
    }
    it("reports an unknown value as an advisory during preview, never a crash", async () => {
      const v = await evaluate(policy, contract.unknown.fixture, "prod", contract.unknown.options);
      assert.equal(v.length >= 1, true, "the policy reads the unknown value");
      for (const x of v) {
        assert.equal(x.enforcementLevel, "advisory");
        assert.match(x.message, /^can't run policy '.+' from policy pack 'dms-platform@v[^']+' during preview: /);
        assert.ok(x.message.includes(`value at .${contract.unknown.path} can't be known`), x.message);
      }
    });
    it(`is ${contract.levels.dev} in dev, ${contract.levels.test} in test, ${contract.levels.prod} in prod`, async () => {
      const failing = contract.levelFixture ?? contract.fails[0];
      assert.ok(failing, "a policy's contract has a failing fixture");
      for (const env of ["dev", "test", "prod"] as const) {
        const v = await evaluate(policy, failing.fixture, env, failing.options);
        const expected = contract.levels[env];
        if (expected === "disabled") {
          assert.deepEqual(v, []);
        } else {
          assert.ok(v.length > 0, `${env}: the failing fixture is reported`);
          for (const x of v) assert.equal(x.enforcementLevel, expected, `${env}: ${x.message}`);
        }
      }
    });
  });
}
