import {
  type DatabaseMigrationServiceClient,
  DescribeEndpointsCommand,
} from "@aws-sdk/client-database-migration-service";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { AwsSetupError, guarded } from "../aws.js";

/**
 * What an S3 data-lake target holds per table, read with ListObjectsV2 (every page): DMS writes a
 * table's full-load files as `<bucketFolder>/<schema>/<table>/LOAD<hex counter>.parquet` and its
 * change files, named by timestamp, into the same folder or (date-based partitioning, on for every
 * platform S3 target) its date folders `<yyyy>/<mm>/<dd>/` (DMS User Guide, CHAP_Target.S3: "Using
 * Amazon S3 as a target", "Using date-based folder partitioning"). DMS creates a table's folder only
 * when the source table has rows. Nothing here reads a Parquet file.
 */

/** One object of the lake, as the manifest lists it. */
export interface ManifestEntry {
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  /** `schema.table` of the folder it is in (the target's names). */
  table: string;
  kind: "full-load" | "cdc";
}

export interface TableFolder {
  /** `<bucketFolder>/<schema>/<table>/` */
  prefix: string;
  fullLoadFiles: number;
  cdcFiles: number;
  bytes: number;
  entries: ManifestEntry[];
}

/** The lake's bucket and folder, as DMS has the migration's target endpoint (DescribeEndpoints). */
export interface LakeLocation {
  bucket: string;
  folder: string;
  endpointId: string;
}

/** Full-load files: `LOAD00000001.parquet`, `LOAD0000000A.parquet`, and with parallel load `LOAD_1_00000001.parquet`. */
const FULL_LOAD = /(^|\/)LOAD[0-9A-F_]+\.parquet$/i;

/**
 * The bucket and folder of the migration's S3 target endpoint, read from DMS rather than computed:
 * the bucket's name carries the account id, and the endpoint is what DMS writes to.
 */
export async function lakeLocation(dms: DatabaseMigrationServiceClient, endpointId: string): Promise<LakeLocation> {
  const page = await guarded(
    "dms:DescribeEndpoints",
    () => dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: "endpoint-id", Values: [endpointId] }] })),
    { Endpoints: [], $metadata: {} },
  );
  const endpoint = page.Endpoints?.[0];
  const bucket = endpoint?.S3Settings?.BucketName;
  if (!endpoint || !bucket) {
    throw new AwsSetupError(
      `dms:DescribeEndpoints: no S3 endpoint "${endpointId}" in this account and region (is the replication stack deployed, and are the credentials the account's?)`,
    );
  }
  return { bucket, folder: (endpoint.S3Settings?.BucketFolder ?? "").replace(/^\/+|\/+$/g, ""), endpointId };
}

/** `<folder>/<schema>/<table>/`, or `<schema>/<table>/` without a folder (CHAP_Target.S3, bucketFolder). */
export function tablePrefix(folder: string, schema: string, table: string): string {
  return `${folder ? `${folder}/` : ""}${schema}/${table}/`;
}

/** Every object under a table's folder (ListObjectsV2, following ContinuationToken). */
export async function listTableFolder(
  s3: S3Client,
  bucket: string,
  prefix: string,
  table: string,
): Promise<TableFolder> {
  const folder: TableFolder = { prefix, fullLoadFiles: 0, cdcFiles: 0, bytes: 0, entries: [] };
  let token: string | undefined;
  do {
    const page = await guarded("s3:ListBucket", () =>
      s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      ),
    );
    for (const o of page.Contents ?? []) {
      const key = o.Key ?? "";
      // A "folder" object some tools create is no file.
      if (key.endsWith("/")) continue;
      const kind = FULL_LOAD.test(key.slice(prefix.length)) ? "full-load" : "cdc";
      if (kind === "full-load") folder.fullLoadFiles++;
      else folder.cdcFiles++;
      folder.bytes += o.Size ?? 0;
      folder.entries.push({
        key,
        size: o.Size ?? 0,
        etag: (o.ETag ?? "").replace(/"/g, ""),
        lastModified: o.LastModified ? new Date(o.LastModified).toISOString() : "",
        table,
        kind,
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken || undefined : undefined;
  } while (token);
  return folder;
}
