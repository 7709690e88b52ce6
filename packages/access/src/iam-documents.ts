/**
 * The IAM documents of operator access, decided from plain inputs (no Pulumi): the trust and
 * permission policies of `migration-admin` and `migration-viewer`, the MFA condition of prod's trust, the
 * delete guard, and a small IAM evaluator the tests judge them with.
 *
 * DMS ARNs end in a random resource id (`arn:aws:dms:eu-west-1:111122223333:task:ABCD…`), so a
 * migration's DMS resources cannot be told apart by ARN: statements on them are scoped by the
 * `Application` and `Environment` tags (`aws:ResourceTag/<key>` on existing resources,
 * `aws:RequestTag/<key>` and `aws:TagKeys` on create), as in "Identity-based policy examples for
 * AWS Database Migration Service". Log groups, secrets and roles have names, so they are scoped
 * by ARN built from the naming convention (`<env>-<app>-…`).
 */
import {
  type Environment,
  environmentSchema,
  namePartSchema,
  PLATFORM_TAG_KEYS,
  physicalName,
} from "@dms-platform/config";
import { z } from "zod";

/** An IAM condition block: operator -> context key -> value(s). */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** One statement of an IAM policy document. */
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

const accountIdSchema = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
/** An IAM role ARN (an SSO permission-set role has a path: `role/aws-reserved/sso.amazonaws.com/...`). */
export const roleArnSchema = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
  );
/** Who may assume an operator role: an account id (its root, i.e. whatever IAM in it allows) or a role ARN. */
export const principalSchema = z.union([accountIdSchema, roleArnSchema]);

/** What the documents are built from. */
export const operatorInputsSchema = z
  .object({
    /** aws, aws-cn, aws-us-gov. */
    partition: z.string().regex(/^aws[a-z-]*$/, "must be an AWS partition"),
    /** The migration's region. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-west-1"),
    /** The account the migration runs in. */
    accountId: accountIdSchema,
    environment: environmentSchema,
    application: namePartSchema,
    /** The CI's role (it runs `pulumi up`): exempt from the delete guard and the MFA condition. */
    ciRoleArn: roleArnSchema,
    /** Whether the delete guard is on. */
    migrationActive: z.boolean(),
    /** Whether task changes and deletes need MFA (or the CI role). */
    requireMfa: z.boolean(),
    /**
     * The migration's task log groups, exactly as DmsReplication names them (its `logGroupNames`:
     * packages/dms capacity.ts instanceLogGroupName / serverlessLogGroupName). @default the
     * instance's `dms-tasks-<env>-<app>-*` only: a Serverless log group is named after the config's
     * resource identifier, which may be a digest, so no pattern of `<env>-<app>` covers it.
     */
    logGroupNames: z
      .array(z.string().regex(/^[\w#/.-]{1,512}$/, "must be a CloudWatch Logs log group name"))
      .optional(),
    /**
     * A Redshift target: the warehouse `migration-admin` counts rows in with the Redshift Data API
     * (`validate`, `cutover-check`; docs/analytics-targets.md). A provisioned cluster by its
     * identifier, a Serverless workgroup by its ARN (its id is a UUID, not the name), and the admin
     * secret the Data API signs in with.
     */
    warehouse: z
      .object({
        clusterIdentifier: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}$/, "must be a Redshift cluster identifier")
          .optional(),
        workgroupArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:\d{12}:workgroup\/[\w-]+$/,
            "must be a Redshift Serverless workgroup ARN",
          )
          .optional(),
        secretArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, "must be a Secrets Manager secret ARN"),
      })
      .strict()
      .refine((w) => (w.clusterIdentifier === undefined) !== (w.workgroupArn === undefined), {
        message: "give clusterIdentifier or workgroupArn, not both",
      })
      .optional(),
    /** An S3 data-lake target: both roles list its bucket, `<env>-<app>-datalake-<account>` (`validate`). */
    s3Lake: z.boolean().optional(),
  })
  .strict();
export type OperatorInputs = z.input<typeof operatorInputsSchema>;

/**
 * The roles DMS is handed (`iam:PassRole`): the account roles DMS looks up by fixed name
 * (packages/dms DMS_ACCOUNT_ROLES) and the two Secrets Manager access roles of the endpoints
 * (packages/dms endpoints.ts: `physicalName("iam-role", { purpose: "dms-src-secret" | "dms-tgt-secret" })`).
 */
export function passableRoleNames(environment: Environment, application: string): string[] {
  return [
    "dms-vpc-role",
    "dms-cloudwatch-logs-role",
    physicalName("iam-role", { environment, application, purpose: "dms-src-secret" }),
    physicalName("iam-role", { environment, application, purpose: "dms-tgt-secret" }),
  ];
}

/** Physical names of the operator roles and policies. */
export function operatorNames(environment: Environment, application: string) {
  const parts = { environment, application };
  return {
    adminRole: physicalName("iam-role", { ...parts, purpose: "migration-admin" }),
    viewerRole: physicalName("iam-role", { ...parts, purpose: "migration-viewer" }),
    adminPolicy: physicalName("iam-policy", { ...parts, purpose: "migration-admin" }),
    viewerPolicy: physicalName("iam-policy", { ...parts, purpose: "migration-viewer" }),
    guardPolicy: physicalName("iam-policy", { ...parts, purpose: "migration-delete-guard" }),
  };
}

/** Read-only DMS: describe and list (including `dms:DescribeTableStatistics`); most take no resource-level scope. */
export const DMS_READ_ACTIONS = ["dms:Describe*", "dms:List*"] as const;

/** What the admin may do to existing DMS resources of this migration (tag-scoped). */
export const ADMIN_DMS_ACTIONS = [
  // Tasks (replication instance)
  "dms:ModifyReplicationTask",
  "dms:StartReplicationTask",
  "dms:StopReplicationTask",
  "dms:DeleteReplicationTask",
  "dms:ReloadTables",
  // Endpoints
  "dms:ModifyEndpoint",
  "dms:DeleteEndpoint",
  "dms:TestConnection",
  "dms:RefreshSchemas",
  // Replication instance
  "dms:ModifyReplicationInstance",
  "dms:RebootReplicationInstance",
  "dms:DeleteReplicationInstance",
  // DMS Serverless
  "dms:ModifyReplicationConfig",
  "dms:StartReplication",
  "dms:StopReplication",
  "dms:DeleteReplicationConfig",
  "dms:ReloadReplicationTables",
] as const;

/** What the admin may create; only with this migration's Application/Environment request tags. */
export const ADMIN_DMS_CREATE_ACTIONS = [
  "dms:CreateReplicationTask",
  "dms:CreateEndpoint",
  "dms:CreateReplicationInstance",
  "dms:CreateReplicationConfig",
] as const;

/** What the delete guard denies on DMS resources while a migration is active. */
export const GUARDED_DMS_ACTIONS = [
  "dms:DeleteReplicationTask",
  "dms:DeleteReplicationInstance",
  "dms:DeleteReplicationConfig",
  // Without these, stripping or changing the Application tag would take a resource out of the guard.
  "dms:RemoveTagsFromResource",
  "dms:AddTagsToResource",
] as const;

/** What the delete guard denies on the task log groups (a shorter retention deletes events too). */
export const GUARDED_LOG_ACTIONS = ["logs:DeleteLogGroup", "logs:DeleteLogStream", "logs:PutRetentionPolicy"] as const;

/** Reading the task logs (scoped to the log groups). */
export const LOG_READ_ACTIONS = [
  "logs:DescribeLogStreams",
  "logs:GetLogEvents",
  "logs:FilterLogEvents",
  "logs:StartQuery",
] as const;
/** Log and metric reads that take no resource-level scope. */
export const UNSCOPED_READ_ACTIONS = [
  "logs:DescribeLogGroups",
  "logs:GetQueryResults",
  "logs:StopQuery",
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:ListMetrics",
  "cloudwatch:DescribeAlarms",
  "cloudwatch:DescribeAlarmHistory",
  // The migration's dashboard (DmsReplication): opening it in the console needs both.
  "cloudwatch:GetDashboard",
  "cloudwatch:ListDashboards",
] as const;

/** The ARN patterns of this migration's resources. */
export function migrationArns(input: OperatorInputs) {
  const {
    partition: p,
    region: r,
    accountId: a,
    environment: e,
    application: app,
    logGroupNames,
  } = operatorInputsSchema.parse(input);
  const dms = (type: string) => `arn:${p}:dms:${r}:${a}:${type}:*`;
  const logGroup = (name: string) => `arn:${p}:logs:${r}:${a}:log-group:${name}`;
  return {
    /** DMS resources: any id, the tags decide. */
    dms: [dms("task"), dms("rep"), dms("endpoint"), dms("replication-config")],
    /** What a create request references besides the new resource: subnet groups and certificates. */
    dmsReferenced: [dms("subgrp"), dms("cert")],
    task: dms("task"),
    instance: dms("rep"),
    endpoint: dms("endpoint"),
    replicationConfig: dms("replication-config"),
    /**
     * Task log groups, each as the log group and its streams (`…:log-group:<name>:*`, the form
     * GetLogEvents and DeleteLogStream are authorized on): the names DmsReplication gives them, or
     * the instance's `dms-tasks-<env>-<app>-*` when none are passed.
     */
    logGroups: logGroupNames
      ? logGroupNames.flatMap((name) => [logGroup(name), `${logGroup(name)}:*`])
      : [logGroup(`dms-tasks-${e}-${app}-*`)],
    /** Secrets named `<env>-<app>-…` (the databases' master secrets). */
    secretsByName: `arn:${p}:secretsmanager:${r}:${a}:secret:${e}-${app}-*`,
    anySecret: `arn:${p}:secretsmanager:${r}:${a}:secret:*`,
    anyKey: `arn:${p}:kms:${r}:${a}:key/*`,
    passableRoles: passableRoleNames(e, app).map((n) => `arn:${p}:iam::${a}:role/${n}`),
    /** The S3 data lake's bucket (packages/dms s3-target.ts names it so). */
    lakeBucket: `arn:${p}:s3:::${physicalName("s3-bucket", { environment: e, application: app, purpose: `datalake-${a}` })}`,
  };
}

/**
 * The Redshift Data API calls `validate` makes (docs/analytics-targets.md): ExecuteStatement is
 * authorized on the cluster or the workgroup; DescribeStatement and GetStatementResult on no
 * resource type, so they are limited to the caller's own statements by
 * `redshift-data:statement-owner-iam-userid` (Service Authorization Reference, "Actions, resources,
 * and condition keys for Amazon Redshift Data API"; the managed AmazonRedshiftDataFullAccess does the same).
 */
export const WAREHOUSE_STATEMENT_ACTIONS = [
  "redshift-data:DescribeStatement",
  "redshift-data:GetStatementResult",
] as const;

function analyticsStatements(input: z.output<typeof operatorInputsSchema>, role: "admin" | "viewer"): Statement[] {
  const { partition: p, region: r, accountId: a, warehouse } = input;
  const statements: Statement[] = [];
  if (input.s3Lake) {
    statements.push({
      Sid: "ListTheDataLake",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: migrationArns(input).lakeBucket,
    });
  }
  // The Data API signs in with the warehouse's admin secret: only the admin reads secrets.
  if (warehouse && role === "admin") {
    statements.push(
      {
        Sid: "CountRowsOnTheWarehouse",
        Effect: "Allow",
        Action: "redshift-data:ExecuteStatement",
        Resource: warehouse.workgroupArn ?? `arn:${p}:redshift:${r}:${a}:cluster:${warehouse.clusterIdentifier}`,
      },
      {
        Sid: "ReadOwnWarehouseStatements",
        Effect: "Allow",
        Action: [...WAREHOUSE_STATEMENT_ACTIONS],
        Resource: "*",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, resolved by IAM per request
        Condition: { StringEquals: { "redshift-data:statement-owner-iam-userid": "${aws:userid}" } },
      },
      {
        Sid: "ReadTheWarehouseSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: warehouse.secretArn,
      },
    );
  }
  return statements;
}

const tagCondition = (prefix: "aws:ResourceTag" | "aws:RequestTag", environment: string, application: string) => ({
  [`${prefix}/Application`]: application,
  [`${prefix}/Environment`]: environment,
});

/**
 * Tag keys a create or tag request may carry: every key the platform applies (@dms-platform/config
 * PLATFORM_TAG_KEYS: the required tags, Name, MigrationWave on every task, DmsAllowUnknownSettings).
 */
export const ALLOWED_TAG_KEYS = [...PLATFORM_TAG_KEYS];

function readStatements(input: OperatorInputs): Statement[] {
  const arns = migrationArns(input);
  return [
    { Sid: "ReadDms", Effect: "Allow", Action: [...DMS_READ_ACTIONS], Resource: "*" },
    { Sid: "ReadMetricsAndQueries", Effect: "Allow", Action: [...UNSCOPED_READ_ACTIONS], Resource: "*" },
    { Sid: "ReadTaskLogs", Effect: "Allow", Action: [...LOG_READ_ACTIONS], Resource: arns.logGroups },
  ];
}

/**
 * The permission policy of `migration-admin` (the delete guard is a policy of its own, attached
 * beside it while the migration is active).
 */
export function adminPolicyDocument(input: OperatorInputs): PolicyDocument {
  const parsed = operatorInputsSchema.parse(input);
  const { environment: e, application: app, region } = parsed;
  const arns = migrationArns(parsed);
  const statements: Statement[] = [
    ...readStatements(parsed),
    {
      Sid: "ManageThisMigrationsDmsResources",
      Effect: "Allow",
      Action: [...ADMIN_DMS_ACTIONS],
      Resource: arns.dms,
      Condition: { StringEquals: tagCondition("aws:ResourceTag", e, app) },
    },
    {
      Sid: "CreateDmsResourcesTaggedForThisMigration",
      Effect: "Allow",
      Action: [...ADMIN_DMS_CREATE_ACTIONS],
      Resource: [...arns.dms, ...arns.dmsReferenced],
      Condition: {
        StringEquals: tagCondition("aws:RequestTag", e, app),
        "ForAllValues:StringEquals": { "aws:TagKeys": ALLOWED_TAG_KEYS },
      },
    },
    {
      // Tags given on create are authorized as AddTagsToResource too. Only onto a resource not yet
      // tagged for an application (the one being created) or already this migration's: never
      // claiming another application's resource by re-tagging it.
      Sid: "TagOnlyThisMigrationsResources",
      Effect: "Allow",
      Action: "dms:AddTagsToResource",
      Resource: arns.dms,
      Condition: {
        StringEquals: tagCondition("aws:RequestTag", e, app),
        StringEqualsIfExists: { "aws:ResourceTag/Application": app },
        "ForAllValues:StringEquals": { "aws:TagKeys": ALLOWED_TAG_KEYS },
      },
    },
    {
      Sid: "PassOnlyTheDmsRolesOfThisProject",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: arns.passableRoles,
      Condition: { StringEquals: { "iam:PassedToService": "dms.amazonaws.com" } },
    },
    {
      Sid: "ReadThisMigrationsSecretsByName",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: arns.secretsByName,
    },
    {
      Sid: "ReadThisMigrationsSecretsByTag",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: arns.anySecret,
      Condition: { StringEquals: tagCondition("aws:ResourceTag", e, app) },
    },
    {
      Sid: "DecryptSecretsThroughSecretsManager",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: arns.anyKey,
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
    },
    ...analyticsStatements(parsed, "admin"),
  ];
  // No MFA statement here: every session of this role is a role session, and one assumed from an
  // IAM Identity Center session carries no MFA information (AssumeRole was called without MFA
  // parameters; Identity Center did the MFA at sign-in), so a Deny on a missing MFA key would lock
  // out exactly the operators it is meant for. MFA is required where the principal carries it: at
  // the trust (trustPolicyDocument).
  return { Version: "2012-10-17", Statement: statements };
}

/** The permission policy of `migration-viewer`: reads only, no secret values, no writes. */
export function viewerPolicyDocument(input: OperatorInputs): PolicyDocument {
  const parsed = operatorInputsSchema.parse(input);
  return { Version: "2012-10-17", Statement: [...readStatements(parsed), ...analyticsStatements(parsed, "viewer")] };
}

/**
 * The delete guard: deny deleting (or re-tagging) this migration's tasks, instance and Serverless
 * configs, and deleting (or shortening the retention of) its task log groups, to every principal
 * but the CI role. Written with `aws:PrincipalArn` so the same statements work as an SCP.
 */
export function deleteGuardStatements(input: OperatorInputs): Statement[] {
  const parsed = operatorInputsSchema.parse(input);
  const arns = migrationArns(parsed);
  const notCi = { ArnNotLike: { "aws:PrincipalArn": parsed.ciRoleArn } };
  return [
    {
      Sid: "GuardDmsWhileMigrationActive",
      Effect: "Deny",
      Action: [...GUARDED_DMS_ACTIONS],
      Resource: [arns.task, arns.instance, arns.replicationConfig],
      Condition: { StringEquals: { "aws:ResourceTag/Application": parsed.application }, ...notCi },
    },
    {
      Sid: "GuardTaskLogsWhileMigrationActive",
      Effect: "Deny",
      Action: [...GUARDED_LOG_ACTIONS],
      Resource: arns.logGroups,
      Condition: notCi,
    },
  ];
}

/** The guard as a document of its own (the managed policy, and SCP-ready); undefined when the switch is off. */
export function deleteGuardDocument(input: OperatorInputs): PolicyDocument | undefined {
  const parsed = operatorInputsSchema.parse(input);
  if (!parsed.migrationActive) return undefined;
  return { Version: "2012-10-17", Statement: deleteGuardStatements(parsed) };
}

/** A principal as a trust policy names it: an account id becomes its root ARN. */
export function principalArn(partition: string, principal: string): string {
  return /^\d{12}$/.test(principal) ? `arn:${partition}:iam::${principal}:root` : principal;
}

/** An IAM Identity Center permission-set role: `role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_…`. */
export function isIdentityCenterRole(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-reserved\/sso\.amazonaws\.com\/(?:[a-z0-9-]+\/)?AWSReservedSSO_/.test(
    arn,
  );
}

/**
 * The trust policy of an operator role. With `requireMfa`, MFA is required where the principal's
 * session can carry it:
 * - IAM principals (an account's root, i.e. its IAM users and roles; other IAM roles) assume the
 *   role only with `aws:MultiFactorAuthPresent` true: IAM sets it for sessions from AssumeRole or
 *   GetSessionToken called with an MFA code ("Configuring MFA-protected API access", IAM User
 *   Guide: only those two STS operations take MFA parameters);
 * - IAM Identity Center permission-set roles assume it without that key: their sessions come from
 *   Identity Center's SAML federation, which passes no MFA information to STS, so the condition would
 *   refuse every one of them. Identity Center enforces MFA itself, at sign-in (its MFA settings:
 *   "every time they sign in", docs/access.md);
 * - the CI role (when named among the principals) assumes it without.
 */
export function trustPolicyDocument(args: {
  partition: string;
  principals: readonly string[];
  ciRoleArn: string;
  requireMfa: boolean;
}): PolicyDocument {
  const principals = [...new Set(args.principals.map((p) => principalArn(args.partition, p)))].sort();
  const humans = principals.filter((p) => p !== args.ciRoleArn);
  const iam = humans.filter((p) => !isIdentityCenterRole(p));
  const identityCenter = humans.filter(isIdentityCenterRole);
  const ci = principals.filter((p) => p === args.ciRoleArn);
  const statement = (sid: string, arns: string[], mfa: boolean): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: arns },
    Action: "sts:AssumeRole",
    ...(mfa ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {}),
  });
  const statements: Statement[] = [];
  if (args.requireMfa) {
    if (iam.length > 0) statements.push(statement("OperatorsAssumeWithMfa", iam, true));
    if (identityCenter.length > 0) {
      statements.push(statement("IdentityCenterOperatorsAssume", identityCenter, false));
    }
  } else if (humans.length > 0) {
    statements.push(statement("OperatorsAssume", humans, false));
  }
  if (ci.length > 0) statements.push(statement("CiAssumes", ci, false));
  return { Version: "2012-10-17", Statement: statements };
}

// ---------------------------------------------------------------------------------------------
// A small IAM evaluator (identity policies of one principal, no permission boundaries or SCPs):
// an explicit Deny wins, then an Allow, else the implicit deny.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

/** A request: the action, the resource ARN and the request context (condition keys). */
export interface IamRequest {
  action: string;
  resource: string;
  context?: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

export type Decision = "allow" | "deny" | "implicit-deny";

/** The evaluator met a condition operator it does not implement. */
export class UnsupportedConditionError extends Error {
  override readonly name = "UnsupportedConditionError";
}

const list = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === "string" ? [v] : [...v];

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, ignoreCase ? "is" : "s").test(value);
}

/** ArnLike: the six colon-separated parts match one by one (the resource part keeps its colons). */
function arnLike(pattern: string, value: string): boolean {
  const split = (arn: string) => {
    const parts = arn.split(":");
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const p = split(pattern);
  const v = split(value);
  if (!p || !v) return pattern === "*" || wildcard(pattern, value, false);
  return p.every((part, i) => wildcard(part, v[i] ?? "", false));
}

const matchers: Record<string, (policy: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: (p, v) => wildcard(p, v, false),
  ArnEquals: (p, v) => p === v,
  ArnLike: arnLike,
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};
const negated: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

function contextValues(context: IamRequest["context"], key: string): string[] | undefined {
  // Condition keys are case-insensitive.
  const entry = Object.entries(context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase());
  const value = entry?.[1];
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return [String(value)];
  return list(value as string | readonly string[]);
}

function conditionHolds(
  operatorKey: string,
  key: string,
  rawPolicyValues: string[],
  context: IamRequest["context"],
): boolean {
  let operator = operatorKey;
  let set: "all" | "any" | undefined;
  if (operator.startsWith("ForAllValues:")) {
    set = "all";
    operator = operator.slice("ForAllValues:".length);
  } else if (operator.startsWith("ForAnyValue:")) {
    set = "any";
    operator = operator.slice("ForAnyValue:".length);
  }
  const ifExists = operator.endsWith("IfExists");
  if (ifExists) operator = operator.slice(0, -"IfExists".length);
  const values = contextValues(context, key);
  // Policy variables (`${aws:userid}`) take the request's value; one the request lacks matches nothing.
  const policyValues = rawPolicyValues.map((p) =>
    p.replace(/\$\{([^}]+)\}/g, (_, name: string) => contextValues(context, name)?.[0] ?? "\u0000unresolved"),
  );

  if (operator === "Null") {
    const wantsAbsent = policyValues.some((p) => p.toLowerCase() === "true");
    return wantsAbsent ? values === undefined : values !== undefined;
  }
  const positive = negated[operator] ?? operator;
  const match = matchers[positive];
  if (!match)
    throw new UnsupportedConditionError(`condition operator ${operatorKey} is not supported by the evaluator`);
  const isNegated = positive !== operator;
  const one = (v: string) => {
    const matched = policyValues.some((p) => match(p, v));
    return isNegated ? !matched : matched;
  };

  if (set === "all") return (values ?? []).every(one);
  if (set === "any") return (values ?? []).some(one);
  if (values === undefined) return ifExists || isNegated;
  return values.some(one);
}

function statementApplies(s: Statement, request: IamRequest): boolean {
  const action = request.action;
  if (s.Action !== undefined && !list(s.Action).some((a) => wildcard(a, action, true))) return false;
  if (s.NotAction !== undefined && list(s.NotAction).some((a) => wildcard(a, action, true))) return false;
  if (s.Action === undefined && s.NotAction === undefined) return false;
  if (s.Resource !== undefined && !list(s.Resource).some((r) => arnLike(r, request.resource))) return false;
  if (s.NotResource !== undefined && list(s.NotResource).some((r) => arnLike(r, request.resource))) return false;
  if (s.Resource === undefined && s.NotResource === undefined) return false;
  for (const [operator, block] of Object.entries(s.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) {
      if (!conditionHolds(operator, key, list(value), request.context)) return false;
    }
  }
  return true;
}

/** Evaluate a request against one or more identity policy documents of the same principal. */
export function evaluate(documents: PolicyDocument | readonly PolicyDocument[], request: IamRequest): Decision {
  const statements = (Array.isArray(documents) ? documents : [documents as PolicyDocument]).flatMap((d) => d.Statement);
  const applying = statements.filter((s) => statementApplies(s, request));
  if (applying.some((s) => s.Effect === "Deny")) return "deny";
  if (applying.some((s) => s.Effect === "Allow")) return "allow";
  return "implicit-deny";
}

/** Every action a document names (Allow statements only, NotAction excluded), for reviews and tests. */
export function allowedActionPatterns(document: PolicyDocument): string[] {
  return [...new Set(document.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => list(s.Action)))].sort();
}
