import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { dmsAssessmentRoleConfusedDeputy } from "./dms-assessment-role-confused-deputy.js";

// Documents as DmsAssessmentResults writes them (DMS User Guide, CHAP_Tasks.AssessmentReport.md and
// cross-service-confused-deputy-prevention.md at awsdocs/aws-dms-user-guide d0f781f).
const trust = (condition?: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "dms.amazonaws.com" },
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
const GUARDED = {
  StringEquals: { "aws:SourceAccount": "111122223333" },
  ArnLike: { "aws:SourceArn": ["arn:aws:dms:eu-west-1:111122223333:assessment-run:*"] },
};
const role = (assumeRolePolicy: unknown): ResourceSpec => ({
  type: T.iamRole,
  name: "assessments-role",
  inputs: { name: "prod-orders-dms-assessment", assumeRolePolicy },
});
const writer: ResourceSpec = {
  type: T.iamRolePolicy,
  name: "assessments-role-policy",
  inputs: {
    role: "prod-orders-dms-assessment",
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::b/*" }],
    }),
  },
  propertyDependencies: { role: ["assessments-role"] },
};

describePolicy(dmsAssessmentRoleConfusedDeputy, {
  passes: [
    { title: "the assessment role with both conditions", fixture: [role(trust(GUARDED)), writer] },
    {
      title: "a DMS role that writes no S3 object (the Secrets Manager access role)",
      fixture: [role(trust()), { ...writer, inputs: { ...writer.inputs, policy: '{"Statement":[]}' } }],
    },
    {
      title: "an S3 endpoint's role, judged by the endpoint's rules",
      fixture: [
        role(trust()),
        writer,
        {
          type: T.dmsS3Endpoint,
          name: "lake",
          inputs: { serviceAccessRoleArn: "[arn]" },
          propertyDependencies: { serviceAccessRoleArn: ["assessments-role"] },
        },
      ],
    },
  ],
  fails: [
    {
      title: "the role trusting DMS with no condition",
      fixture: [role(trust()), writer],
      messages: [
        "assumeRolePolicy Statement[0] lets DMS assume this role, which writes S3 objects, without aws:SourceAccount and aws:SourceArn; add StringEquals aws:SourceAccount <account> and ArnLike aws:SourceArn arn:aws:dms:<region>:<account>:assessment-run:* (and :task:*), as DmsAssessmentResults does",
      ],
    },
    {
      title: "the role with aws:SourceAccount only",
      fixture: [role(trust({ StringEquals: GUARDED.StringEquals })), writer],
      messages: [
        "assumeRolePolicy Statement[0] lets DMS assume this role, which writes S3 objects, without aws:SourceArn; add StringEquals aws:SourceAccount <account> and ArnLike aws:SourceArn arn:aws:dms:<region>:<account>:assessment-run:* (and :task:*), as DmsAssessmentResults does",
      ],
    },
  ],
  unknown: { fixture: [role(UNKNOWN), writer], path: "assumeRolePolicy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
