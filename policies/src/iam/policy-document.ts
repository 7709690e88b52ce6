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
