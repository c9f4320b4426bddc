"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import { useAction } from "@/lib/resource";
import { Link, navigate, useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { safeNext } from "@/lib/paths";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function Login() {
  const { search } = useLocation();
  const { refresh } = useSession();
  const next = safeNext(search.get("next"));
  const [email, setEmail] = useState(search.get("email") ?? "");
  const [password, setPassword] = useState("");
  const login = useAction(() => api.login({ email: email.trim(), password }));
  const problem = login.error instanceof ApiError ? login.error : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await login.run()) {
      await refresh();
      navigate(next ?? "/", { replace: true });
    }
  };

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
      <form onSubmit={submit} className="space-y-4" noValidate>
        <ErrorAlert error={login.error && !problem?.problem.errors?.length ? login.error : undefined} />
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={problem?.fieldError("email")} required autoFocus />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem?.fieldError("password")}
          required
        />
        <div className="flex items-center justify-between gap-3">
          <Button type="submit" pending={login.pending}>
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
