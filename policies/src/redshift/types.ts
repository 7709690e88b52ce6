/** The Redshift resource types the Redshift policies judge, as the engine names them. */
export const R = {
  cluster: "aws:redshift/cluster:Cluster",
  parameterGroup: "aws:redshift/parameterGroup:ParameterGroup",
  logging: "aws:redshift/logging:Logging",
  namespace: "aws:redshiftserverless/namespace:Namespace",
  workgroup: "aws:redshiftserverless/workgroup:Workgroup",
} as const;

/** Whether a value Redshift reads as a boolean is on (`encrypted` is a nullable bool the provider types as a string). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}
