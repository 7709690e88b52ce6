import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";

/** One IAM policy statement, as found in a policy document. */
export interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
}

/** The statements of a policy document given as JSON text or an object; undefined when it cannot be read. */
export function statementsOf(document: unknown): Statement[] | undefined {
  const doc = asObject(jsonDocument(document));
  if (!doc) return undefined;
  return asArray(doc.Statement).map((s) => (asObject(s) ?? {}) as Statement);
}

const WILDCARD = /^\*+$/;

/**
 * Whether an action pattern stands for every action of every service: `*`, or `*:*` (CIS AWS
 * Foundations 1.16 names it so). `*:*` may not even be valid: iam-simulate 0.1.173 refuses it ("Service
 * can only contain letters, numbers, and hyphens"); refused here either way. `s3:*` is one service's.
 */
export function isAllActions(action: unknown): boolean {
  if (typeof action !== "string") return false;
  const [service, name, ...rest] = action.split(":");
  return rest.length === 0 && WILDCARD.test(service ?? "") && (name === undefined || WILDCARD.test(name));
}

/**
 * Whether a resource pattern matches the resources of every service: `*`, or an ARN whose service
 * and resource fields are wildcards (`arn:aws:*:*:*:*`, the same followed by `/*`, `arn:aws:*`; region and
 * account may be named: every service's resources in one account is still the whole account). An
 * ARN pattern's `*` also spans `:` (IAM User Guide "IAM JSON policy elements: Resource"), so a
 * pattern cut short whose last field is a wildcard matches everything after it.
 */
export function isAllServicesResource(resource: unknown): boolean {
  if (typeof resource !== "string") return false;
  if (WILDCARD.test(resource)) return true;
  const fields = resource.split(":");
  if (fields[0] !== "arn") return false;
  if (fields.length <= 3) return WILDCARD.test(fields[fields.length - 1] ?? "");
  if (!WILDCARD.test(fields[2] ?? "")) return false;
  if (fields.length < 6) return WILDCARD.test(fields[fields.length - 1] ?? "");
  return /^[*/:]*\*[*/:]*$/.test(fields.slice(5).join(":"));
}

/**
 * The first action and resource patterns of an Allow statement that together grant every action on
 * every service's resources (undefined when it does not).
 */
export function fullAdminGrant(statement: Statement): { action: string; resource: string } | undefined {
  if (statement.Effect !== "Allow") return undefined;
  const action = asArray(statement.Action).find(isAllActions);
  const resource = asArray(statement.Resource).find(isAllServicesResource);
  return typeof action === "string" && typeof resource === "string" ? { action, resource } : undefined;
}

/**
 * The IAM policy documents a resource declares, with the property each sits in: `policy` of a
 * policy resource, or each `inlinePolicies[i].policy` of a role.
 */
export function policyDocumentsOf(
  type: string,
  props: Readonly<Record<string, unknown>>,
): Array<[property: string, document: unknown]> {
  return type === T.iamRole
    ? asArray(props.inlinePolicies).map((p, i): [string, unknown] => [
        `inlinePolicies[${i}].policy`,
        asObject(p)?.policy,
      ])
    : [["policy", props.policy]];
}
