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

/** Whether a statement allows every action on every resource. */
export function isFullAdmin(statement: Statement): boolean {
  return (
    statement.Effect === "Allow" && asArray(statement.Action).includes("*") && asArray(statement.Resource).includes("*")
  );
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
