import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { resourcesDeclaredWithAwsProvider } from "./resources-declared-with-aws-provider.js";

const FIX = "so encryption, public access, TLS and tags are checked";

describePolicy(resourcesDeclaredWithAwsProvider, {
  passes: [
    { title: "a @pulumi/aws replication instance", fixture: { type: T.dmsReplicationInstance, inputs: {} } },
    {
      title: "an aws-native resource of a service the pack does not judge",
      fixture: { type: "aws-native:lambda:Function", inputs: {} },
    },
    {
      title: "a CloudFormation stack of other services, and one whose template is only a URL",
      fixture: [
        {
          type: "aws:cloudformation/stack:Stack",
          name: "queue",
          inputs: { templateBody: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}' },
        },
        {
          type: "aws:cloudformation/stack:Stack",
          name: "remote",
          inputs: { templateUrl: "https://example.com/t.yaml" },
        },
      ],
    },
  ],
  fails: [
    {
      title: "an aws-native DMS replication instance",
      fixture: { type: "aws-native:dms:ReplicationInstance", inputs: { publiclyAccessible: true } },
      messages: [
        `aws-native:dms:ReplicationInstance is declared with @pulumi/aws-native, whose properties this pack does not read (its DMS rules judge @pulumi/aws resources): declare it with @pulumi/aws (aws.dms.*) ${FIX}`,
      ],
    },
    {
      title: "an aws-native log group (named by its @pulumi/aws module)",
      fixture: { type: "aws-native:logs:LogGroup", inputs: {} },
      messages: [
        `aws-native:logs:LogGroup is declared with @pulumi/aws-native, whose properties this pack does not read (its Logs rules judge @pulumi/aws resources): declare it with @pulumi/aws (aws.cloudwatch.*) ${FIX}`,
      ],
    },
    {
      title: "a CloudFormation template declaring an RDS instance and a security group",
      fixture: {
        type: "aws:cloudformation/stack:Stack",
        inputs: {
          templateBody:
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n  Db2:\n    Type: AWS::RDS::DBInstance\n",
        },
      },
      messages: [
        `templateBody declares AWS::EC2::SecurityGroup, AWS::RDS::DBInstance, which this pack cannot judge inside a CloudFormation template: declare them with @pulumi/aws ${FIX}`,
      ],
    },
  ],
  unknown: {
    fixture: { type: "aws:cloudformation/stack:Stack", inputs: { templateBody: UNKNOWN } },
    path: "templateBody",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
