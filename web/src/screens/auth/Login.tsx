"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { Link, navigate, useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { safeNext } from "@/lib/paths";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function Login() {
  const { search } = useLocation();
  const { refresh } = useSession();
  const next = safeNext(search.get("next"));
  const [email, setEmail] = useState(search.get("email") ?? "");
  const [password, setPassword] = useState("");
  const form = useForm(
    () => api.login({ email: email.trim(), password }),
    async () => {
      await refresh();
      navigate(next ?? "/", { replace: true });
    },
  );

  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to Simplicity."
      footer={
        <>
          New here?{" "}
          <Link href={withNext("/signup")} className={textLinkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
        <FormError form={form} />
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.fieldError("email")} required autoFocus />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldError("password")}
          required
        />
        <div className="flex items-center justify-between gap-3">
          <Button type="submit" pending={form.pending}>
            Sign in
          </Button>
          <Link href="/forgot-password" className={`text-sm ${textLinkClass}`}>
            Forgot your password?
          </Link>
        </div>
      </form>
    </AuthLayout>
  );
}
