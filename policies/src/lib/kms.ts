import { isSet, show } from "./values.js";

/** Whether a key reference names an AWS managed key (`alias/aws/<service>`), not a customer key. */
export function isAwsManagedKey(value: unknown): boolean {
  return typeof value === "string" && /(^|:)alias\/aws\//.test(value);
}

/**
 * The problem with a customer-managed-key property, or undefined when it names one.
 * `defaultNote` says what AWS uses when it is unset.
 */
export function customerKeyProblem(property: string, value: unknown, defaultNote: string): string | undefined {
  if (!isSet(value)) {
    return `${property} is not set (${defaultNote}); set ${property} to a customer managed KMS key's ARN`;
  }
  if (isAwsManagedKey(value)) {
    return `${property} is ${show(value)}, an AWS managed key; set ${property} to a customer managed KMS key's ARN`;
  }
  return undefined;
}
