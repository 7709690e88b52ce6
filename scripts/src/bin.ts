#!/usr/bin/env node
import { main } from "./cli.js";

// Output into a closed pipe (`dms-platform status --help | head -3`, `plan --format json | jq -e
// ... | head`) ends the program quietly with exit 0, as Unix tools do when the reader has all it
// wanted: Node reports the closed pipe as an asynchronous EPIPE 'error' on the stream, which,
// unhandled, would print a stack trace and exit 1. Any other stream error is still thrown.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}

// exitCode rather than process.exit(): let stdout drain when piped.
main(process.argv).then((code) => {
  process.exitCode = code;
});
