"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { Link } from "@/lib/router";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function ForgotPassword() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const form = useForm(
    () => api.requestPasswordReset(email.trim()),
    () => setSent(true),
  );
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
      {sent ? (
        <Alert tone="success" title="Check your email">
          If an account exists for {email}, a reset link is on its way. It works once, for a limited time.
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.fieldError("email")} required autoFocus />
          <Button type="submit" pending={form.pending} disabled={!email.trim()} className="w-full">
            Email me a reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
