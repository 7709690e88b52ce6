import type { Environment } from "./environments.js";

/**
 * Physical names. DMS resources are named `<env>-<app>-<purpose>-dms`; everything else is built
 * from the same parts (`<env>-<app>-<purpose>`) and checked against the identifier rules of the
 * AWS service that owns it. A name that cannot be made valid is an error naming the parts; names
 * are never silently truncated (two truncated names could collide).
 */
export interface NameParts {
  /** The stack's environment. */
  environment: Environment;
  /** The application (the `Application` tag), e.g. `orders`. */
  application: string;
  /** What the resource is for, e.g. `src`, `tgt`, `customers-full-load`. */
  purpose: string;
}

export interface IdentifierRule {
  /** Minimum and maximum length. */
  min: number;
  max: number;
  /** The allowed characters, as a character class body. */
  charset: RegExp;
  /** Words for the charset, for errors. */
  charsetText: string;
  /** AWS stores the identifier in lowercase: we emit lowercase so there is no perpetual diff. */
  lowercase: boolean;
  /** First character must be a letter. */
  startsWithLetter: boolean;
  /** Cannot end with a hyphen or contain two consecutive hyphens. */
  noTrailingOrDoubleHyphen: boolean;
  /** Suffix appended to the parts (`-dms` for DMS identifiers). */
  suffix: string;
  /** Where the rule comes from. */
  source: string;
}

const alnumHyphen = { charset: /^[a-z0-9-]+$/i, charsetText: "letters, digits and hyphens" };
const rdsLike = { ...alnumHyphen, lowercase: true, startsWithLetter: true, noTrailingOrDoubleHyphen: true };

/** Identifier rules per kind of AWS resource, from each service's API reference. */
export const IDENTIFIER_RULES = {
  // DMS CreateReplicationInstance: 1-63 alphanumerics or hyphens, first a letter, no trailing or double hyphen.
  "dms-replication-instance": {
    min: 1,
    max: 63,
    ...rdsLike,
    suffix: "-dms",
    source: "DMS CreateReplicationInstance ReplicationInstanceIdentifier",
  },
  // DMS CreateEndpoint / CreateReplicationTask / CreateReplicationConfig: the same rule, up to 255.
  "dms-endpoint": { min: 1, max: 255, ...rdsLike, suffix: "-dms", source: "DMS CreateEndpoint EndpointIdentifier" },
  "dms-task": {
    min: 1,
    max: 255,
    ...rdsLike,
    suffix: "-dms",
    source: "DMS CreateReplicationTask ReplicationTaskIdentifier",
  },
  "dms-replication-config": {
    min: 1,
    max: 255,
    ...rdsLike,
    suffix: "-dms",
    source: "DMS CreateReplicationConfig ReplicationConfigIdentifier",
  },
  // DMS CreateReplicationSubnetGroup: at most 255 alphanumerics, periods, spaces, underscores or hyphens; not "default".
  "dms-subnet-group": {
    min: 1,
    max: 255,
    charset: /^[a-z0-9._ -]+$/i,
    charsetText: "letters, digits, periods, spaces, underscores and hyphens",
    lowercase: true,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "-dms",
    source: "DMS CreateReplicationSubnetGroup ReplicationSubnetGroupIdentifier",
  },
  // DMS CreateEventSubscription: fewer than 255 characters.
  "dms-event-subscription": {
    min: 1,
    max: 254,
    ...rdsLike,
    suffix: "-dms",
    source: "DMS CreateEventSubscription SubscriptionName",
  },
  "dms-certificate": {
    min: 1,
    max: 255,
    ...rdsLike,
    suffix: "-dms",
    source: "DMS ImportCertificate CertificateIdentifier",
  },
  // RDS CreateDBInstance / CreateDBCluster: 1-63 letters, digits or hyphens, first a letter, no trailing or double hyphen; stored lowercase.
  "rds-instance": { min: 1, max: 63, ...rdsLike, suffix: "", source: "RDS CreateDBInstance DBInstanceIdentifier" },
  "rds-cluster": { min: 1, max: 63, ...rdsLike, suffix: "", source: "RDS CreateDBCluster DBClusterIdentifier" },
  // RDS CreateDBParameterGroup: 1-255 letters, digits or hyphens, first a letter, no trailing or double hyphen; stored lowercase.
  "rds-parameter-group": {
    min: 1,
    max: 255,
    ...rdsLike,
    suffix: "",
    source: "RDS CreateDBParameterGroup DBParameterGroupName",
  },
  // RDS CreateOptionGroup: 1-255 letters, digits or hyphens, first a letter, no trailing or double hyphen; stored lowercase.
  "rds-option-group": { min: 1, max: 255, ...rdsLike, suffix: "", source: "RDS CreateOptionGroup OptionGroupName" },
  // RDS CreateDBSubnetGroup: at most 255 letters, digits, periods, underscores, spaces or hyphens; stored lowercase.
  "rds-subnet-group": {
    min: 1,
    max: 255,
    charset: /^[a-z0-9._ -]+$/i,
    charsetText: "letters, digits, periods, spaces, underscores and hyphens",
    lowercase: true,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "RDS CreateDBSubnetGroup DBSubnetGroupName",
  },
  // IAM CreateRole / CreatePolicy: 1-64 (role) or 1-128 (policy) of [\w+=,.@-].
  "iam-role": {
    min: 1,
    max: 64,
    charset: /^[\w+=,.@-]+$/,
    charsetText: "letters, digits and +=,.@_-",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "IAM CreateRole RoleName",
  },
  "iam-policy": {
    min: 1,
    max: 128,
    charset: /^[\w+=,.@-]+$/,
    charsetText: "letters, digits and +=,.@_-",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "IAM CreatePolicy PolicyName",
  },
  // EC2 CreateSecurityGroup: up to 255 ASCII characters, cannot start with sg-.
  "security-group": {
    min: 1,
    max: 255,
    charset: /^[\x20-\x7e]+$/,
    charsetText: "printable ASCII",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "EC2 CreateSecurityGroup GroupName",
  },
  // CloudWatch Logs CreateLogGroup: 1-512 of [.-_/#A-Za-z0-9].
  "log-group": {
    min: 1,
    max: 512,
    charset: /^[.\-_/#A-Za-z0-9]+$/,
    charsetText: "letters, digits and ._-/#",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "CloudWatch Logs CreateLogGroup logGroupName",
  },
  // KMS CreateAlias: alias/ followed by 1-250 of [a-zA-Z0-9/_-], not alias/aws/.
  "kms-alias": {
    min: 1,
    max: 250,
    charset: /^[A-Za-z0-9/_-]+$/,
    charsetText: "letters, digits and /_-",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "KMS CreateAlias AliasName",
  },
  // SNS CreateTopic: 1-256 letters, digits, hyphens, underscores.
  "sns-topic": {
    min: 1,
    max: 256,
    charset: /^[A-Za-z0-9_-]+$/,
    charsetText: "letters, digits, hyphens and underscores",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "SNS CreateTopic Name",
  },
  // Secrets Manager CreateSecret: 1-512 of [A-Za-z0-9/_+=.@-].
  secret: {
    min: 1,
    max: 512,
    charset: /^[A-Za-z0-9/_+=.@-]+$/,
    charsetText: "letters, digits and /_+=.@-",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "Secrets Manager CreateSecret Name",
  },
  // S3 bucket naming rules: 3-63 lowercase letters, digits, dots, hyphens; begin and end with a letter or digit.
  "s3-bucket": {
    min: 3,
    max: 63,
    charset: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    charsetText: "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
    lowercase: true,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "S3 bucket naming rules",
  },
  // CloudWatch PutMetricAlarm AlarmName: 1-255.
  "cloudwatch-alarm": {
    min: 1,
    max: 255,
    charset: /^[\x20-\x7e]+$/,
    charsetText: "printable ASCII",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "CloudWatch PutMetricAlarm AlarmName",
  },
  // CloudWatch PutDashboard DashboardName: at most 255 of A-Z, a-z, 0-9, "-" and "_".
  "cloudwatch-dashboard": {
    min: 1,
    max: 255,
    charset: /^[A-Za-z0-9_-]+$/,
    charsetText: "letters, digits, hyphens and underscores",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "-dms",
    source: "CloudWatch PutDashboard DashboardName",
  },
  // Route 53 Resolver CreateResolverEndpoint / CreateResolverRule Name: up to 64 letters, digits, hyphens, underscores, spaces.
  "route53-resolver": {
    min: 1,
    max: 64,
    charset: /^[A-Za-z0-9 _-]+$/,
    charsetText: "letters, digits, hyphens, underscores and spaces",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "Route 53 Resolver CreateResolverEndpoint Name",
  },
  // EventBridge PutRule Name: 1-64 of [.\-_A-Za-z0-9].
  "eventbridge-rule": {
    min: 1,
    max: 64,
    charset: /^[.\-_A-Za-z0-9]+$/,
    charsetText: "letters, digits, periods, hyphens and underscores",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "EventBridge PutRule Name",
  },
  // CloudTrail CreateTrail: 3-128 letters, digits, periods, underscores, hyphens; start with a letter or digit.
  cloudtrail: {
    min: 3,
    max: 128,
    charset: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    charsetText: "letters, digits, periods, underscores and hyphens",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: true,
    suffix: "",
    source: "CloudTrail CreateTrail Name",
  },
  // Redshift CreateCluster ClusterIdentifier: 1-63 lowercase letters, digits or hyphens, first a letter, no trailing or double hyphen.
  "redshift-cluster": { min: 1, max: 63, ...rdsLike, suffix: "", source: "Redshift CreateCluster ClusterIdentifier" },
  // Redshift CreateClusterParameterGroup / CreateClusterSubnetGroup: 1-255 lowercase letters, digits or hyphens (terraform-provider-aws v6 redshift resourceParameterGroup, resourceSubnetGroup).
  "redshift-group": {
    min: 1,
    max: 255,
    ...rdsLike,
    suffix: "",
    source: "Redshift CreateClusterParameterGroup ParameterGroupName",
  },
  // Redshift Serverless CreateNamespace NamespaceName / CreateWorkgroup WorkgroupName: 3-64 of [a-z0-9-]
  // (Redshift Serverless API Reference, CreateNamespace and CreateWorkgroup, Length Constraints and Pattern).
  "redshift-serverless": {
    min: 3,
    max: 64,
    charset: /^[a-z0-9-]+$/,
    charsetText: "lowercase letters, digits and hyphens",
    lowercase: true,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "Redshift Serverless CreateNamespace NamespaceName, CreateWorkgroup WorkgroupName",
  },
  // A name used only as a Name tag.
  tag: {
    min: 1,
    max: 256,
    charset: /^.+$/s,
    charsetText: "any characters",
    lowercase: false,
    startsWithLetter: false,
    noTrailingOrDoubleHyphen: false,
    suffix: "",
    source: "EC2 tag value limit",
  },
} as const satisfies Record<string, IdentifierRule>;

export type NameKind = keyof typeof IDENTIFIER_RULES;

/** A name could not be made valid for its kind. */
export class NamingError extends Error {
  override readonly name = "NamingError";
  constructor(
    readonly parts: NameParts,
    readonly kind: NameKind,
    readonly rule: string,
  ) {
    super(
      `cannot name a ${kind} from environment "${parts.environment}", application "${parts.application}", purpose "${parts.purpose}": ${rule}`,
    );
  }
}

const partPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/i;

/** Check an identifier against a rule; returns the broken rule in words, or undefined. */
export function checkIdentifier(name: string, kind: NameKind): string | undefined {
  const rule: IdentifierRule = IDENTIFIER_RULES[kind];
  if (name.length < rule.min || name.length > rule.max) {
    return `"${name}" has ${name.length} characters; ${rule.source} allows ${rule.min}-${rule.max}`;
  }
  if (!rule.charset.test(name)) return `"${name}" may contain only ${rule.charsetText} (${rule.source})`;
  if (rule.startsWithLetter && !/^[a-z]/i.test(name)) return `"${name}" must start with a letter (${rule.source})`;
  if (rule.noTrailingOrDoubleHyphen && (name.endsWith("-") || name.includes("--"))) {
    return `"${name}" must not end with a hyphen or contain two consecutive hyphens (${rule.source})`;
  }
  if (kind === "dms-subnet-group" && name.toLowerCase() === "default") return `"default" is reserved (${rule.source})`;
  if (kind === "security-group" && name.toLowerCase().startsWith("sg-"))
    return `"${name}" must not start with sg- (${rule.source})`;
  if (kind === "kms-alias" && name.toLowerCase().startsWith("aws/"))
    return `"alias/aws/" is reserved for AWS managed keys (${rule.source})`;
  return undefined;
}

/**
 * The physical name of a resource of `kind` built from `parts`: `<env>-<app>-<purpose>` plus
 * the kind's suffix (`-dms` for DMS identifiers), lowercased where AWS stores lowercase.
 */
export function physicalName(kind: NameKind, parts: NameParts): string {
  for (const [label, value] of [
    ["application", parts.application],
    ["purpose", parts.purpose],
  ] as const) {
    if (!partPattern.test(value)) {
      throw new NamingError(parts, kind, `${label} "${value}" must be letters and digits separated by single hyphens`);
    }
  }
  const rule: IdentifierRule = IDENTIFIER_RULES[kind];
  let name = `${parts.environment}-${parts.application}-${parts.purpose}${rule.suffix}`;
  if (rule.lowercase) name = name.toLowerCase();
  const broken = checkIdentifier(name, kind);
  if (broken) throw new NamingError(parts, kind, broken);
  return name;
}

/** `<env>-<app>-<purpose>-dms`, valid as a DMS task/endpoint identifier. */
export function dmsName(parts: NameParts): string {
  return physicalName("dms-task", parts);
}

/** The pattern every DMS identifier of an environment follows, for policies. */
export function dmsNamePattern(environment?: Environment): RegExp {
  const env = environment ?? "(?:dev|test|prod)";
  return new RegExp(`^${env}-[a-z0-9]+(?:-[a-z0-9]+)*-dms$`);
}
