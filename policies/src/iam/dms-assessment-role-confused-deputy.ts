import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";

/** DMS's service principals: global, and regional (`dms.<region>.amazonaws.com`). */
const DMS_PRINCIPAL = /^dms(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

/** The trust statements letting a DMS service principal assume the role. */
function dmsTrustStatements(role: PolicyResource): Array<{ index: number; condition: Record<string, unknown> }> {
  const document = asObject(jsonDocument(role.props.assumeRolePolicy));
  const found: Array<{ index: number; condition: Record<string, unknown> }> = [];
  asArray(document?.Statement).forEach((raw, index) => {
    const s = asObject(raw);
    if (s?.Effect !== "Allow") return;
    const services = asArray(asObject(s.Principal)?.Service).map(String);
    if (services.some((p) => DMS_PRINCIPAL.test(p))) found.push({ index, condition: asObject(s.Condition) ?? {} });
  });
  return found;
}

/** Whether a policy document allows writing S3 objects (s3:PutObject, or a wildcard covering it). */
function writesS3(document: unknown): boolean {
  return asArray(asObject(jsonDocument(document))?.Statement).some((raw) => {
    const s = asObject(raw);
    return (
      s?.Effect === "Allow" &&
      asArray(s.Action)
        .map((a) => String(a).toLowerCase())
        .some((a) => a === "*" || a === "s3:*" || a === "s3:put*" || a === "s3:putobject")
    );
  });
}

/** Whether a condition block tests `key` under an operator other than an ...IfExists one. */
function hasKey(condition: Record<string, unknown>, key: string): boolean {
  return Object.entries(condition).some(
    ([operator, keys]) =>
      !/IfExists$/i.test(operator) &&
      Object.keys(asObject(keys) ?? {}).some((k) => k.toLowerCase() === key.toLowerCase()),
  );
}

export const dmsAssessmentRoleConfusedDeputy = stackPolicy({
  name: "dms-assessment-role-confused-deputy",
  concern: "iam",
  description:
    "A role DMS assumes to write S3 objects that no DMS resource of the stack references (the premigration assessment role, named in each StartReplicationTaskAssessmentRun call) trusts DMS only with aws:SourceAccount and aws:SourceArn conditions, so no other account's assessment run can make DMS write with it (DMS User Guide, cross-service confused deputy prevention, 'IAM policy to store preflight assessments in Amazon S3').",
  control:
    "DMS User Guide cross-service-confused-deputy-prevention; IAM confused deputy (aws:SourceArn, aws:SourceAccount)",
  enforcementLevel: "mandatory",
  types: [T.iamRole],
  validate: (args, report) => {
    // Roles a DMS resource takes as an argument (an S3 endpoint's serviceAccessRoleArn, an
    // endpoint's Secrets Manager role) are judged by that resource's own rules.
    const referenced = new Set<PolicyResource>();
    for (const r of args.resources) {
      if (!r.type.startsWith("aws:dms/")) continue;
      for (const deps of Object.values(r.propertyDependencies)) for (const d of deps) referenced.add(d);
    }
    for (const role of args.resources) {
      if (role.type !== T.iamRole || referenced.has(role)) continue;
      const trust = dmsTrustStatements(role);
      if (trust.length === 0) continue;
      const inline = args.resources.filter(
        (p) => p.type === T.iamRolePolicy && (p.propertyDependencies.role ?? []).includes(role),
      );
      const documents = [
        ...inline.map((p) => p.props.policy),
        ...asArray(role.props.inlinePolicies).map((p) => asObject(p)?.policy),
      ];
      if (!documents.some(writesS3)) continue;
      for (const { index, condition } of trust) {
        const missing = ["aws:SourceAccount", "aws:SourceArn"].filter((k) => !hasKey(condition, k));
        if (missing.length === 0) continue;
        report(
          `assumeRolePolicy Statement[${index}] lets DMS assume this role, which writes S3 objects, without ${missing.join(" and ")}; add StringEquals aws:SourceAccount <account> and ArnLike aws:SourceArn arn:aws:dms:<region>:<account>:assessment-run:* (and :task:*), as DmsAssessmentResults does`,
          role.urn,
        );
      }
    }
  },
});
