import { planKey } from "../fleet/quotas.js";
import { type PlanReport, planLabel } from "../report.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The parts of SARIF 2.1.0 this report writes. */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: Array<{
    tool: {
      driver: {
        name: string;
        informationUri?: string;
        rules: Array<{
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          defaultConfiguration: { level: "error" | "warning" };
        }>;
      };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: "error" | "warning";
      message: { text: string };
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string } };
        logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
      }>;
      properties:
        | { stack: string; environment: string; project: string; policyPack: string; urn?: string }
        | { quota: string; account: string; region: string; count: number; limit: number };
    }>;
  }>;
}

/** The SARIF rule of the fleet's DMS quota findings. */
export const QUOTA_RULE = "dms-quota";

/** The SARIF rule of credentials a program writes in plain text. */
export const LITERAL_SECRET_RULE = "plan-literal-secret";

/** The SARIF rule of plan problems (changes certain to fail `pulumi up`). */
export const PLAN_PROBLEM_RULE = "plan-change-fails-up";

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (m?.[1] ?? text).trim();
}

/**
 * SARIF 2.1.0 for code scanning: one run, one result per violation, located at the stack config
 * file that produced it (the file a fix changes); mandatory is `error`, advisory `warning`.
 */
export function renderSarif(report: PlanReport): string {
  const rules = report.policies.map((p) => ({
    id: p.name,
    name: p.name,
    shortDescription: { text: firstSentence(p.description) || p.name },
    fullDescription: { text: p.description || p.name },
    defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? ("error" as const) : ("warning" as const) },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifLog["runs"][number]["results"] = [];
  for (const plan of report.plans) {
    for (const v of plan.violations) {
      // A violation from a policy the pack does not list (a policy reporting under another name)
      // still needs a rule for ruleIndex to point at.
      let ruleIndex = index.get(v.policy);
      if (ruleIndex === undefined) {
        ruleIndex = rules.length;
        rules.push({
          id: v.policy,
          name: v.policy,
          shortDescription: { text: firstSentence(v.description) || v.policy },
          fullDescription: { text: v.description || v.policy },
          defaultConfiguration: { level: v.enforcementLevel === "mandatory" ? "error" : "warning" },
        });
        index.set(v.policy, ruleIndex);
      }
      results.push({
        ruleId: v.policy,
        ruleIndex,
        level: v.enforcementLevel === "mandatory" ? "error" : "warning",
        message: { text: `${planLabel(plan)} (${plan.environment}): ${v.message}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: plan.configFile } },
            ...(v.urn ? { logicalLocations: [{ fullyQualifiedName: v.urn, kind: "resource" }] } : {}),
          },
        ],
        properties: {
          stack: plan.stack,
          environment: plan.environment,
          project: plan.project,
          policyPack: v.policyPack,
          ...(v.urn ? { urn: v.urn } : {}),
        },
      });
    }
  }
  // Against state: each change certain to fail `pulumi up`, an error on the config file that causes it.
  for (const plan of report.plans) {
    for (const c of plan.change?.changes ?? []) {
      for (const problem of c.problems) {
        let ruleIndex = index.get(PLAN_PROBLEM_RULE);
        if (ruleIndex === undefined) {
          ruleIndex = rules.length;
          rules.push({
            id: PLAN_PROBLEM_RULE,
            name: PLAN_PROBLEM_RULE,
            shortDescription: { text: "A change that `pulumi up` would fail to apply." },
            fullDescription: {
              text: "Planned against the deployed state: replacing or deleting a protected resource, replacing a fixed-name resource create-before-delete, creating a name another resource still holds, or a DMS change AWS refuses.",
            },
            defaultConfiguration: { level: "error" },
          });
          index.set(PLAN_PROBLEM_RULE, ruleIndex);
        }
        results.push({
          ruleId: PLAN_PROBLEM_RULE,
          ruleIndex,
          level: "error",
          message: { text: `${planLabel(plan)} (${plan.environment}): ${problem}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: plan.configFile } },
              logicalLocations: [{ fullyQualifiedName: c.urn, kind: "resource" }],
            },
          ],
          properties: {
            stack: plan.stack,
            environment: plan.environment,
            project: plan.project,
            policyPack: report.policyPackName,
            urn: c.urn,
          },
        });
      }
    }
  }
  // Credentials written in plain text: an error on the stack's config file, the resource named.
  for (const plan of report.plans) {
    for (const secret of plan.literalSecrets ?? []) {
      let ruleIndex = index.get(LITERAL_SECRET_RULE);
      if (ruleIndex === undefined) {
        ruleIndex = rules.length;
        rules.push({
          id: LITERAL_SECRET_RULE,
          name: LITERAL_SECRET_RULE,
          shortDescription: { text: "A credential written in plain text in the program or the stack file." },
          fullDescription: {
            text: "A password, secret string or token input that depends on no resource (no generated password) and on no encrypted (`secure:`) config value: it sits in the repository in plain text.",
          },
          defaultConfiguration: { level: "error" },
        });
        index.set(LITERAL_SECRET_RULE, ruleIndex);
      }
      results.push({
        ruleId: LITERAL_SECRET_RULE,
        ruleIndex,
        level: "error",
        message: { text: `${planLabel(plan)} (${plan.environment}): ${secret.message}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: plan.configFile } },
            logicalLocations: [{ fullyQualifiedName: secret.urn, kind: "resource" }],
          },
        ],
        properties: {
          stack: plan.stack,
          environment: plan.environment,
          project: plan.project,
          policyPack: report.policyPackName,
          urn: secret.urn,
        },
      });
    }
  }
  // The fleet's DMS quotas: each finding on the config files of the stacks that count toward it.
  for (const f of report.quotas?.findings ?? []) {
    let ruleIndex = index.get(QUOTA_RULE);
    if (ruleIndex === undefined) {
      ruleIndex = rules.length;
      rules.push({
        id: QUOTA_RULE,
        name: QUOTA_RULE,
        shortDescription: { text: "What the planned stacks create reaches a DMS quota of their account and region." },
        fullDescription: {
          text: "Summed per AWS account and region (and replication instance) against the DMS User Guide's quotas or the raised ones in dms-platform-foundation:quotas: over a quota AWS refuses the create; above 80 % it warns.",
        },
        defaultConfiguration: { level: "error" },
      });
      index.set(QUOTA_RULE, ruleIndex);
    }
    const files = report.plans.filter((p) => f.plans.includes(planKey(p))).map((p) => p.configFile);
    results.push({
      ruleId: QUOTA_RULE,
      ruleIndex,
      level: f.level === "problem" ? "error" : "warning",
      message: { text: f.message },
      locations: [...new Set(files)].map((uri) => ({ physicalLocation: { artifactLocation: { uri } } })),
      properties: { quota: f.quota, account: f.account, region: f.region, count: f.count, limit: f.limit },
    });
  }
  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [{ tool: { driver: { name: report.policyPackName, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
