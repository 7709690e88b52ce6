import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";
import { refersTo } from "../s3/data-lake-buckets.js";

const DMS_PRINCIPAL = /^dms(\.[a-z0-9-]+)?\.amazonaws\.com$/;
const WILDCARD_ACTION = /^(\*|s3:\*|kms:\*|iam:.*)$/;

/** Why a trust policy lets more than DMS, on behalf of this account, assume the role. */
function trustProblems(document: unknown): string[] {
  const statements = asArray(asObject(jsonDocument(document))?.Statement).map((s) => asObject(s) ?? {});
  const problems: string[] = [];
  for (const [i, st] of statements.entries()) {
    if (st.Effect !== "Allow") continue;
    const principal = asObject(st.Principal);
    const services = asArray(principal?.Service).map(String);
    if (st.Principal === "*" || principal?.AWS !== undefined || services.some((s) => !DMS_PRINCIPAL.test(s))) {
      problems.push(
        `Statement[${i}] trusts ${JSON.stringify(st.Principal)}; trust only the DMS service principal dms.amazonaws.com`,
      );
      continue;
    }
    const conditions = Object.values(asObject(st.Condition) ?? {}).map((c) => asObject(c) ?? {});
    if (!conditions.some((c) => "aws:SourceAccount" in c || "aws:sourceaccount" in c)) {
      problems.push(
        `Statement[${i}] has no aws:SourceAccount condition; add Condition: { StringEquals: { "aws:SourceAccount": <account id> } } (DMS User Guide, cross-service confused deputy prevention)`,
      );
    }
  }
  return problems;
}

/** Why a permissions policy grants more than writing one bucket's folder with one key. */
function permissionProblems(document: unknown): string[] {
  const statements = asArray(asObject(jsonDocument(document))?.Statement).map((s) => asObject(s) ?? {});
  const problems: string[] = [];
  for (const [i, st] of statements.entries()) {
    if (st.Effect !== "Allow") continue;
    const wide = asArray(st.Action)
      .map(String)
      .filter((a) => WILDCARD_ACTION.test(a));
    if (wide.length > 0 || st.NotAction !== undefined) {
      problems.push(
        `Statement[${i}] allows ${JSON.stringify(wide.length > 0 ? wide : { NotAction: st.NotAction })}; list the actions DMS needs (s3:PutObject, s3:DeleteObject, s3:PutObjectTagging, s3:ListBucket, kms:GenerateDataKey, kms:Decrypt)`,
      );
    }
    if (asArray(st.Resource).includes("*")) {
      problems.push(`Statement[${i}] applies to Resource "*"; name the bucket, its folder and the KMS key`);
    }
  }
  return problems;
}

export const dmsS3EndpointRoleLeastPrivilege = stackPolicy({
  name: "dms-s3-endpoint-role-least-privilege",
  concern: "dms",
  description:
    'The role a DMS S3 endpoint assumes (serviceAccessRoleArn) trusts only the DMS service principal, on behalf of this account (aws:SourceAccount), and its inline policies (aws.iam.RolePolicy or inlinePolicies) allow no wildcard action (*, s3:*, kms:*, iam:*) and no Resource "*".',
  control:
    'DMS User Guide: CHAP_Target.S3 prerequisites, cross-service confused deputy prevention; Security Hub IAM.1 (no full "*" privileges)',
  enforcementLevel: "mandatory",
  types: [T.dmsS3Endpoint],
  validate: (args, report) => {
    const roles = args.resources.filter((r) => r.type === T.iamRole);
    for (const endpoint of args.resources.filter((r) => r.type === T.dmsS3Endpoint)) {
      const role = roles.find((r) => refersTo(endpoint, "serviceAccessRoleArn", r, r.props.arn));
      if (!role) continue; // a role of another stack: judged where it is declared
      for (const problem of trustProblems(role.props.assumeRolePolicy))
        report(`assumeRolePolicy: ${problem}`, role.urn);
      const policies: Array<[PolicyResource, unknown]> = args.resources
        .filter((r) => r.type === T.iamRolePolicy && refersTo(r, "role", role, role.props.name))
        .map((r) => [r, r.props.policy]);
      for (const [policy, document] of policies) {
        for (const problem of permissionProblems(document)) report(`${policy.name}: ${problem}`, role.urn);
      }
      for (const [i, inline] of asArray(role.props.inlinePolicies).entries()) {
        for (const problem of permissionProblems(asObject(inline)?.policy))
          report(`inlinePolicies[${i}]: ${problem}`, role.urn);
      }
    }
  },
});
