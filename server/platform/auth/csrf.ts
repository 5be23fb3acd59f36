const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a cookie-authenticated request with this method must carry `x-csrf-token`. */
export function csrfRequired(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}
