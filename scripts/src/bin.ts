#!/usr/bin/env node
import { main } from "./cli.js";

// exitCode rather than process.exit(): let stdout drain when piped.
main(process.argv).then((code) => {
  process.exitCode = code;
});
