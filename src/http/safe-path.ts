/**
 * A path on this site, safe to put in a link or a redirect although it came from the request: it
 * starts with exactly one "/" (never "//host" or "/\host", which browsers read as another site),
 * holds no control characters (no header splitting), and is not absurdly long. Anything else
 * becomes "/". Every link and redirect built from request input goes through here.
 */
export function sameSitePath(path: string | undefined | null, fallback = '/'): string {
  if (!path || path.length > 2000 || !path.startsWith('/')) {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(path) || path.startsWith('//')) {
    return fallback;
  }
  return path;
}
