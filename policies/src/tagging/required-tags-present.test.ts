import { T } from "../lib/types.js";
import { describePolicy, PROD_TAGS, UNKNOWN } from "../testing/harness.js";
import { requiredTagsPresent } from "./required-tags-present.js";

const { Owner: _owner, CostCenter: _costCenter, ...threeTags } = PROD_TAGS;
const noDefaults = { provider: { region: "eu-west-1" } };

describePolicy(requiredTagsPresent, {
  passes: [
    {
      title: "a resource tagged only through the provider's defaultTags (JSON string)",
      fixture: { type: T.vpc, inputs: { cidrBlock: "10.0.0.0/16" } },
    },
    {
      title: "a resource tagged through a provider whose defaultTags is an object",
      fixture: { type: T.vpc, inputs: {} },
      options: { provider: { region: "eu-west-1", defaultTags: { tags: PROD_TAGS } } },
    },
    {
      title: "a resource carrying all five tags itself",
      fixture: { type: T.dmsReplicationInstance, inputs: { tags: PROD_TAGS } },
      options: noDefaults,
    },
    {
      title: "tags split between the provider and the resource",
      fixture: { type: T.kmsKey, inputs: { tags: { Owner: "data-platform", CostCenter: "cc-1234" } } },
      options: { provider: { defaultTags: JSON.stringify({ tags: threeTags }) } },
    },
    {
      title: "a resource that takes no tags",
      fixture: {
        type: T.iamRolePolicyAttachment,
        inputs: { role: "r", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      },
      options: noDefaults,
    },
    {
      // aws_cloudwatch_dashboard has no tags argument (terraform-provider-aws v6.x, cloudwatch/dashboard.go).
      title: "a CloudWatch dashboard (the migration's), which takes no tags",
      fixture: {
        type: "aws:cloudwatch/dashboard:Dashboard",
        inputs: { dashboardName: "prod-orders-migration-dms", dashboardBody: '{"widgets":[]}' },
      },
      options: noDefaults,
    },
  ],
  fails: [
    {
      title: "a resource missing two tags that the provider does not give",
      fixture: { type: T.rdsInstance, inputs: { tags: { Name: "orders" } } },
      options: { provider: { defaultTags: JSON.stringify({ tags: threeTags }) } },
      messages: [
        "tags lack Owner, CostCenter (the provider's defaultTags give only Application, Environment, DataClassification); set them in the resource's tags or in the stack's aws:defaultTags",
      ],
    },
    {
      title: "an untagged resource of a type not in the list but with tags, under a provider without defaultTags",
      fixture: { type: "aws:glue/job:Job", inputs: { tags: { Application: "orders" } } },
      options: noDefaults,
      messages: [
        "tags lack Environment, Owner, CostCenter, DataClassification (the provider's defaultTags give none of them); set them in the resource's tags or in the stack's aws:defaultTags",
      ],
    },
    {
      title: "an empty tag value",
      fixture: { type: T.subnet, inputs: { tags: { ...PROD_TAGS, Owner: "" } } },
      options: noDefaults,
      messages: [
        "tags lack Owner (the provider's defaultTags give none of them); set them in the resource's tags or in the stack's aws:defaultTags",
      ],
    },
  ],
  unknown: { fixture: { type: T.vpc, inputs: { tags: UNKNOWN } }, path: "tags" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
