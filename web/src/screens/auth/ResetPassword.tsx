"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { Link, useLocation } from "@/lib/router";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { NewPasswordField } from "@/components/NewPasswordField";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function ResetPassword() {
  const { search } = useLocation();
  const token = search.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [done, setDone] = useState(false);
  const form = useForm(
    () => api.resetPassword(token, password),
    () => setDone(true),
    { fields: ["password"] },
  );
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = (event: FormEvent) => (mismatch ? event.preventDefault() : form.onSubmit(event));

  if (!token) {
    return (
      <AuthLayout title="Reset your password">
        <Alert tone="error" title="This link is incomplete">
          Open the link from the email again, or{" "}
          <Link href="/forgot-password" className="underline">
            ask for a new one
          </Link>
          .
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password" footer={<Link href="/login" className={textLinkClass}>Back to sign in</Link>}>
      {done ? (
        <div className="space-y-4">
          <Alert tone="success" title="Password changed">
            You have been signed out everywhere. Sign in with your new password.
          </Alert>
          <ButtonLink href="/login">Sign in</ButtonLink>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError form={form} />
          <NewPasswordField
            label="New password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.fieldError("password")}
            autoFocus
          />
          <TextField
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={mismatch ? "The passwords do not match" : undefined}
            required
          />
          <Button type="submit" pending={form.pending} disabled={!password || mismatch} className="w-full">
            Set new password
          </Button>
          {form.apiError?.status === 422 && !form.fieldError("password") && (
            <p className="text-sm">
              <Link href="/forgot-password" className={textLinkClass}>
                Ask for a new link
              </Link>
            </p>
          )}
        </form>
      )}
    </AuthLayout>
  );
}
