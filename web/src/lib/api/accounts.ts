// Accounts, sessions, invites (the invitee's side) and personal API tokens.

import { json, post, remove, segment, type Page } from "./client";
import type { ApiToken, CreatedToken, InvitePreview, Me, TokenScope } from "./types";

export const accounts = {
  signup: (input: { email: string; password: string; name: string }) => post<void>("/api/auth/signup", input),
  login: (input: { email: string; password: string }) => post<Me>("/api/auth/login", input),
  logout: () => post<void>("/api/auth/logout"),
  me: () => json<Me>("/api/me"),
  verifyEmail: (token: string) => post<void>("/api/auth/verify-email", { token }),
  requestVerification: () => post<void>("/api/auth/verify-email/request"),
  requestPasswordReset: (email: string) => post<void>("/api/auth/password-reset/request", { email }),
  resetPassword: (token: string, password: string) => post<void>("/api/auth/password-reset", { token, password }),

  // The invitation's token travels in the body, never in an API path (logs).
  previewInvite: (token: string) => post<InvitePreview>("/api/invites/preview", { token }),
  acceptInvite: (token: string, account?: { name: string; password: string }) =>
    post<void>("/api/invites/accept", { token, ...account }),

  tokens: () => json<Page<ApiToken>>("/api/me/tokens"),
  createToken: (input: { name: string; scope: TokenScope; expiresAt?: string | null }) =>
    post<CreatedToken>("/api/me/tokens", input),
  revokeToken: (tokenId: string) => remove(`/api/me/tokens/${segment(tokenId)}`),
};
