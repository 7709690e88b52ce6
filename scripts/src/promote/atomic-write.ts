import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** A file to replace: its path, the text it holds now and the text it will hold. */
export interface FileWrite {
  path: string;
  oldText: string;
  newText: string;
}

/** The file operations an atomic write is made of; tests replace them to interrupt a write. */
export interface WriteOps {
  /** Create `path` (it must not exist) with `text` and the given mode, and flush it to disk. */
  writeTemp(path: string, text: string, mode: number): void;
  /** Replace `to` with `from` (atomic within one directory on POSIX file systems). */
  rename(from: string, to: string): void;
  /** Remove a file if it exists. */
  remove(path: string): void;
}

export const nodeWriteOps: WriteOps = {
  writeTemp(path, text, mode) {
    const fd = openSync(path, "wx", mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename(from, to) {
    renameSync(from, to);
    // Persist the rename itself (the directory entry); not every platform can fsync a directory.
    try {
      const fd = openSync(dirname(to), "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Windows and some file systems refuse to open or fsync a directory.
    }
  },
  remove(path) {
    rmSync(path, { force: true });
  },
};

/** The temporary file a write goes through: beside the target, so the rename stays in one file system. */
export function tempPathOf(path: string, pid = process.pid): string {
  return `${path}.tmp-${pid}`;
}

function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o644;
  }
}

/**
 * Replace several files, all or nothing as far as a process can: every new text is written to a
 * temporary file beside its target and flushed first; only then are they renamed over the targets.
 * A failure while writing leaves every target untouched and removes the temporary files; a failure
 * while renaming puts back the targets already replaced (their old text, written the same way).
 * A crash at any point leaves each target either old or new, never half-written.
 */
export function writeFilesAtomically(files: readonly FileWrite[], ops: WriteOps = nodeWriteOps): void {
  const temps: string[] = [];
  const removeTemps = () => {
    for (const t of temps) {
      try {
        ops.remove(t);
      } catch {
        // Best effort: the original error is the one to report.
      }
    }
  };
  try {
    for (const f of files) {
      const temp = tempPathOf(f.path);
      temps.push(temp);
      ops.writeTemp(temp, f.newText, modeOf(f.path));
    }
  } catch (err) {
    removeTemps();
    throw err;
  }
  const renamed: FileWrite[] = [];
  try {
    for (const f of files) {
      ops.rename(tempPathOf(f.path), f.path);
      renamed.push(f);
    }
  } catch (err) {
    removeTemps();
    for (const f of renamed) {
      const temp = tempPathOf(f.path);
      try {
        ops.writeTemp(temp, f.oldText, modeOf(f.path));
        ops.rename(temp, f.path);
      } catch {
        // The restore failed too: the error below names the promotion that did not complete.
        try {
          ops.remove(temp);
        } catch {}
      }
    }
    throw err;
  }
}
