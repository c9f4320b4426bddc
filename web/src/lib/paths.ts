/** A same-site path to go to after signing in, or undefined (no open redirects). */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return undefined;
  return next;
}

/** URL segments that are pages of their own, never an organisation slug. */
export const RESERVED = new Set(["login", "signup", "forgot-password", "reset-password", "verify-email", "invite", "new-org", "api", "_next"]);

/** A slug in the server's rules: lowercase letters, digits, hyphens. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** Where an organisation's pages start for someone: the portal for a requester, incidents for everyone else. */
export function orgHome(membership: { slug: string; roles: readonly string[] }): string {
  return membership.roles.includes("requester") ? `/${membership.slug}/portal` : `/${membership.slug}/incidents`;
}

/** localStorage: the portal someone set out to join while their address was unconfirmed (the emailed link leads home, and home back there). */
export const PENDING_JOIN = "simplicity:pendingJoin";
