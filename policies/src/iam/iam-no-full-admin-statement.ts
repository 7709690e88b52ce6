import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { fullAdminGrant, policyDocumentsOf, statementsOf } from "./policy-document.js";

const FIX = "grant only the actions and resources the role needs (for DMS, the AWS managed service-role policies)";

export const iamNoFullAdminStatement = resourcePolicy({
  name: "iam-no-full-admin-statement",
  concern: "iam",
  description:
    'No IAM policy document (a managed policy, a role, user or group policy, a role\'s inline policies) allows every action (`"*"`, `"*:*"`) on the resources of every service (`"*"`, `"arn:aws:*:*:*:*"`, an ARN with wildcard service and resource): a DMS or Secrets Manager access role with full administrator rights turns any leak of the role into a leak of the account.',
  // Not Security Hub IAM.21 / AWS Config iam-policy-no-statements-with-full-access (one service's
  // wildcard, `s3:*`), nor checkov CKV_AWS_286 (privilege escalation paths, cloudsplaining).
  control: "Security Hub IAM.1; checkov CKV_AWS_62; CIS AWS Foundations 1.16",
  enforcementLevel: "mandatory",
  types: [T.iamPolicy, T.iamRolePolicy, T.iamUserPolicy, T.iamGroupPolicy, T.iamRole],
  validate: (props, args, report) => {
    for (const [property, document] of policyDocumentsOf(args.type, props)) {
      const statements = statementsOf(document) ?? [];
      statements.forEach((s, i) => {
        const grant = fullAdminGrant(s);
        if (grant) {
          report(
            `${property} Statement[${i}] allows Action ${JSON.stringify(grant.action)} on Resource ${JSON.stringify(grant.resource)} (every action, on the resources of every service); ${FIX}`,
          );
        }
      });
    }
  },
});
