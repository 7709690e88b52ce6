import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "@dms-platform/config";
import type { PolicyConfigDocument } from "@dms-platform/offline";
import { PolicyConfigError } from "@dms-platform/offline";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { defaultStacks } from "../registry.js";
import type { PlanRegistry, StackDefinition } from "../stacks.js";

/** scripts/fixtures (this file runs from scripts/dist/testing). */
export const FIXTURES_DIR = join(__dirname, "..", "..", "fixtures");
export const FIXTURE_STACKS_DIR = join(FIXTURES_DIR, "stacks");

export const noPublicDbIngress: ResourceValidationPolicy = {
  name: "fixture-no-public-db-ingress",
  description:
    "Security groups must not admit 0.0.0.0/0 to a database port. A database reachable from the internet is the first thing scanners find (Security Hub EC2.19).",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== "aws:ec2/securityGroup:SecurityGroup") return;
    const ingress = (args.props.ingress ?? []) as Array<{ fromPort: number; toPort: number; cidrBlocks?: string[] }>;
    ingress.forEach((rule, i) => {
      if (rule.fromPort <= 3306 && 3306 <= rule.toPort && rule.cidrBlocks?.includes("0.0.0.0/0")) {
        report(`ingress[${i}].cidrBlocks admits 0.0.0.0/0 to port 3306; admit the DMS security group instead`);
      }
    });
  },
};

export const requiredTags: ResourceValidationPolicy = {
  name: "fixture-required-tags",
  description: "Taggable resources carry an Owner tag, so a bill and an incident reach a team.",
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    const tags = args.props.tags as Record<string, string> | undefined;
    if (!args.type.startsWith("aws:") || tags === undefined) return;
    if (!tags.Owner) report("tags.Owner is missing; set the owning team's name");
  },
};

export const fixturePolicies = [noPublicDbIngress, requiredTags];

/** Read fixtures/policies/<env>.json (or `dir`), as the real pack reads policies/config/<env>.json. */
export function fixturePolicyConfig(env: Environment, dir = join(FIXTURES_DIR, "policies")): PolicyConfigDocument {
  const file = `${env}.json`;
  try {
    return JSON.parse(readFileSync(join(dir, file), "utf8")) as PolicyConfigDocument;
  } catch (err) {
    throw new PolicyConfigError(file, "", err instanceof SyntaxError ? `not valid JSON: ${err.message}` : String(err));
  }
}

/** How often each fixture program was imported. */
export interface LoadCounts {
  foundation: number;
  replication: number;
}

/**
 * The fixture registry: the real registry's definitions (names, projects, references) with the
 * fixture programs in place of the stack packages.
 */
export function fixtureRegistry(counts: LoadCounts = { foundation: 0, replication: 0 }): PlanRegistry {
  const [foundation, replication] = defaultStacks();
  if (!foundation || !replication) throw new Error("the default registry lost a stack");
  const stacks: StackDefinition[] = [
    {
      ...foundation,
      load: async () => {
        counts.foundation++;
        return (await import("./fixture-programs.js")).foundationProgram;
      },
    },
    {
      ...replication,
      load: async () => {
        counts.replication++;
        return (await import("./fixture-programs.js")).replicationProgram;
      },
    },
  ];
  return {
    stacks,
    policies: fixturePolicies,
    loadPolicyConfig: (env) => fixturePolicyConfig(env),
    policyConfigFile: (env) => `fixtures/policies/${env}.json`,
  };
}
