import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";

/**
 * The resource and trust policies a resource carries, by type, with the property each sits in
 * (pulumi-aws 7.x input names): a KMS key's `policy`, an SNS topic's `policy` (or a TopicPolicy's),
 * a role's `assumeRolePolicy`, a secret's `policy` (or a SecretPolicy's), a bucket's `policy` (or a
 * BucketPolicy's).
 */
const POLICY_PROPERTY: Readonly<Record<string, string>> = {
  [T.kmsKey]: "policy",
  [T.snsTopic]: "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  [T.iamRole]: "assumeRolePolicy",
  [T.secret]: "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  [T.s3Bucket]: "policy",
  [T.s3BucketV2]: "policy",
  "aws:s3/bucketPolicy:BucketPolicy": "policy",
};

/**
 * Condition keys that narrow who the caller is or where the call comes from, so a `"*"` principal
 * no longer means anyone: the caller's account or organisation (IAM User Guide, "AWS global
 * condition context keys"; KMS Developer Guide, kms:CallerAccount), the service acting for a given
 * source (aws:SourceArn, aws:SourceAccount: the confused-deputy guard) or a network inside the
 * caller's VPC. `...IfExists` operators do not narrow (an absent key passes).
 */
const NARROWING_KEYS = new Set(
  [
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:userid",
    "aws:username",
    "kms:CallerAccount",
  ].map((k) => k.toLowerCase()),
);

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const p = asObject(principal);
  return p !== undefined && asArray(p.AWS).includes("*");
}

function narrows(condition: unknown): boolean {
  for (const [operator, keys] of Object.entries(asObject(condition) ?? {})) {
    if (/IfExists$/i.test(operator) || /^Null$/i.test(operator)) continue;
    if (Object.keys(asObject(keys) ?? {}).some((k) => NARROWING_KEYS.has(k.toLowerCase()))) return true;
  }
  return false;
}

export const resourcePolicyNotPublic = resourcePolicy({
  name: "resource-policy-not-public",
  concern: "iam",
  description:
    'No KMS key policy, SNS topic policy, role trust policy, Secrets Manager secret policy or S3 bucket policy allows a "*" principal without a condition narrowing the caller (aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount, aws:SourceVpce, kms:CallerAccount...): such a statement opens the key, topic, role, secret or bucket to every AWS account.',
  control: "checkov CKV_AWS_33 (KMS), CKV_AWS_169 (SNS), CKV_AWS_60 (trust); Security Hub S3.2/S3.3",
  enforcementLevel: "mandatory",
  types: Object.keys(POLICY_PROPERTY),
  validate: (props, args, report) => {
    const property = POLICY_PROPERTY[args.type] as string;
    const document = asObject(jsonDocument(props[property]));
    if (!document) return;
    asArray(document.Statement).forEach((raw, i) => {
      const s = asObject(raw);
      if (s?.Effect !== "Allow" || !isEveryone(s.Principal) || narrows(s.Condition)) return;
      report(
        `${property} Statement[${i}] allows Principal "*" to ${JSON.stringify(s.Action ?? s.NotAction ?? "anything")} with no condition narrowing the caller; name the principals (account or role ARNs) or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount`,
      );
    });
  },
});
