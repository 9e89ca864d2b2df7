/**
 * File locations in SARIF as code scanning reads them: a path relative to the `%SRCROOT%` base (the
 * repository's root), so that `spec openapi/api.yaml` annotates `openapi/api.yaml` in the
 * repository, whichever machine ran it. A file outside the root keeps an absolute `file:` URI, and a
 * URL stands as it is.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The base id GitHub code scanning resolves against the checked-out repository. */
export const SOURCE_ROOT = '%SRCROOT%';

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A URI reference from a recorded path, which may hold characters a URI must escape. */
export function uriReference(path: string): string {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return encodeURI(path);
  }
}

const isUrl = (name: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(name);

/**
 * `openapi/api.yaml` under `%SRCROOT%` for a file under `root` (absolute; relative names are read
 * from the working directory, as the command read them); a file elsewhere as a `file:` URI.
 */
export function fileLocation(file: string, root: string): ArtifactLocation {
  // Asked for every finding, and a run's responses come from a file or a few, one after the other: the last answer is kept.
  const cwd = process.cwd();
  if (last === undefined || last.file !== file || last.root !== root || last.cwd !== cwd) last = { file, root, cwd, location: locate(file, root) };
  return { ...last.location };
}

let last: { file: string; root: string; cwd: string; location: ArtifactLocation } | undefined;

function locate(file: string, root: string): ArtifactLocation {
  if (isUrl(file)) return { uri: file };
  const absolute = resolve(file);
  const path = relative(root, absolute);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return { uri: pathToFileURL(absolute).href };
  return { uri: uriReference(path.split(sep).join('/')), uriBaseId: SOURCE_ROOT };
}
