import { resourcePolicy } from "../lib/policy.js";

/**
 * The AWS services whose resources this pack judges when @pulumi/aws declares them, by their
 * CloudFormation / aws-native service name (aws-native types are `aws-native:<service>:<Type>`,
 * generated from the CloudFormation registry: AWS::DMS::ReplicationInstance is
 * aws-native:dms:ReplicationInstance).
 */
const JUDGED_SERVICES: Readonly<Record<string, string>> = {
  dms: "DMS",
  rds: "RDS",
  ec2: "EC2",
  kms: "KMS",
  secretsmanager: "SecretsManager",
  logs: "Logs",
  sns: "SNS",
  iam: "IAM",
  cloudtrail: "CloudTrail",
  s3: "S3",
  cloudwatch: "CloudWatch",
};

const CLOUDFORMATION_STACK = "aws:cloudformation/stack:Stack";
const CFN_TYPE = new RegExp(`AWS::(${Object.values(JUDGED_SERVICES).join("|")})::[A-Za-z0-9]+`, "g");

export const resourcesDeclaredWithAwsProvider = resourcePolicy({
  name: "resources-declared-with-aws-provider",
  concern: "dms",
  description:
    "DMS, RDS, EC2 (network), KMS, Secrets Manager, CloudWatch Logs, SNS, IAM, CloudTrail and S3 resources are declared with @pulumi/aws, whose properties this pack reads: the same resource declared through @pulumi/aws-native (aws-native:dms:*, aws-native:rds:*, aws-native:ec2:* ...) or inside an aws.cloudformation.Stack template would pass every rule unread (encryption, public access, TLS, tags). Refused rather than silently skipped; a template given by templateUrl cannot be read and is not judged.",
  control: "dms-platform: every resource judged (no Security Hub or checkov control)",
  enforcementLevel: "mandatory",
  types: "any",
  validate: (props, args, report) => {
    const native = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(args.type);
    const service = native?.[1];
    if (service !== undefined && JUDGED_SERVICES[service] !== undefined) {
      // @pulumi/aws keeps CloudWatch Logs in its cloudwatch module (aws.cloudwatch.LogGroup).
      const module = service === "logs" ? "cloudwatch" : service;
      report(
        `${args.type} is declared with @pulumi/aws-native, whose properties this pack does not read (its ${JUDGED_SERVICES[service]} rules judge @pulumi/aws resources): declare it with @pulumi/aws (aws.${module}.*) so encryption, public access, TLS and tags are checked`,
      );
      return;
    }
    if (args.type !== CLOUDFORMATION_STACK) return;
    const body = props.templateBody;
    if (typeof body !== "string") return;
    const types = [...new Set(body.match(CFN_TYPE) ?? [])].sort();
    if (types.length > 0) {
      report(
        `templateBody declares ${types.join(", ")}, which this pack cannot judge inside a CloudFormation template: declare them with @pulumi/aws so encryption, public access, TLS and tags are checked`,
      );
    }
  },
});
