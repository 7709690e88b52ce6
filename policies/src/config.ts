import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ConfigError, type Environment, isEnvironment } from "@dms-platform/config";
import type { EnforcementLevel } from "@pulumi/policy";

/**
 * A policy config document, the format of
 * `pulumi preview --policy-pack policies --policy-pack-config policies/config/<env>.json`:
 * per policy, its enforcement level and its settings.
 */
export type PolicyConfigDocument = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

/** The directory holding config/<env>.json (compiled code lives in dist/, the configs beside it). */
export const CONFIG_DIR = path.join(__dirname, "..", "config");

/** The path of an environment's policy config file. */
export function policyConfigPath(env: Environment): string {
  return path.join(CONFIG_DIR, `${env}.json`);
}

/** Read `config/<env>.json`: the document `evaluatePolicies(graph, policies, { config })` takes. */
export function loadPolicyConfig(env: Environment): PolicyConfigDocument {
  if (!isEnvironment(env)) {
    throw new ConfigError("<args>", "env", `must be one of dev, test, prod (got ${JSON.stringify(env)})`);
  }
  const file = policyConfigPath(env);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(file, "", err instanceof Error ? err.message : String(err));
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ConfigError(file, "", "must be a JSON object of policy names to levels and settings");
  }
  return doc as PolicyConfigDocument;
}
