"use client";

import { useEffect, useState } from "react";
import { api, messageOf } from "@/lib/api";
import { useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { AuthLayout } from "@/components/AuthLayout";
import { Alert } from "@/components/ui/Alert";
import { ButtonLink } from "@/components/ui/Button";
import { Loading } from "@/components/ui/States";

// Tokens work once: never send the same one twice (e.g. on a re-render).
const attempts = new Map<string, Promise<void>>();

export default function VerifyEmail() {
  const { search } = useLocation();
  const { state, refresh } = useSession();
  const token = search.get("token") ?? "";
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string }>();

  useEffect(() => {
    if (!token) return;
    if (!attempts.has(token)) attempts.set(token, api.verifyEmail(token));
    attempts
      .get(token)!
      .then(() => {
        setResult({ ok: true });
        void refresh();
      })
      .catch((error) => setResult({ ok: false, message: messageOf(error) }));
  }, [token, refresh]);

  const home = state.status === "signedIn" ? "/" : "/login";
  return (
    <AuthLayout title="Confirm your email">
      {!token ? (
        <Alert tone="error" title="This link is incomplete">Open the link from the email again.</Alert>
      ) : !result ? (
        <Loading label="Confirming your email…" />
      ) : result.ok ? (
        <div className="space-y-4">
          <Alert tone="success" title="Email confirmed">Thanks — your email address is confirmed.</Alert>
          <ButtonLink href={home}>Continue</ButtonLink>
        </div>
      ) : (
        <div className="space-y-4">
          <Alert tone="error" title="This link did not work">
            {result.message} The link may have been used already or expired; sign in and ask for a new one.
          </Alert>
          <ButtonLink href={home} variant="secondary">
            Continue
          </ButtonLink>
        </div>
      )}
    </AuthLayout>
  );
}
