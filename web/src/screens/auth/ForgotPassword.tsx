"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import { useAction } from "@/lib/resource";
import { Link } from "@/lib/router";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function ForgotPassword() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const request = useAction(() => api.requestPasswordReset(email.trim()));
  const problem = request.error instanceof ApiError ? request.error : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run();
    setSent(true);
  };
  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We'll email you a link to choose a new password."
      footer={
        <Link href="/login" className={textLinkClass}>
          Back to sign in
        </Link>
      }
    >
      {sent && !request.error ? (
        <Alert tone="success" title="Check your email">
          If an account exists for {email}, a reset link is on its way. It works once, for a limited time.
        </Alert>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <ErrorAlert error={request.error && !problem?.problem.errors?.length ? request.error : undefined} />
          <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={problem?.fieldError("email")} required autoFocus />
          <Button type="submit" pending={request.pending} disabled={!email.trim()} className="w-full">
            Email me a reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
