import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftAutomaticSnapshots } from "./redshift-automatic-snapshots.js";
import { R } from "./types.js";

describePolicy(redshiftAutomaticSnapshots, {
  passes: [
    {
      title: "a cluster keeping 35 days",
      fixture: { type: R.cluster, inputs: { automatedSnapshotRetentionPeriod: 35 } },
    },
  ],
  fails: [
    {
      title: "a cluster leaving it unset",
      fixture: { type: R.cluster, inputs: {} },
      messages: [
        "automatedSnapshotRetentionPeriod is not set (the provider's default is 1 day); set automatedSnapshotRetentionPeriod to at least 7 days",
      ],
    },
    {
      title: "a cluster without automated snapshots",
      fixture: { type: R.cluster, inputs: { automatedSnapshotRetentionPeriod: 0 } },
      messages: ["automatedSnapshotRetentionPeriod is 0; set automatedSnapshotRetentionPeriod to at least 7 days"],
    },
  ],
  unknown: {
    fixture: { type: R.cluster, inputs: { automatedSnapshotRetentionPeriod: UNKNOWN } },
    path: "automatedSnapshotRetentionPeriod",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
