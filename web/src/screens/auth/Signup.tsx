"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import { useAction } from "@/lib/resource";
import { Link, navigate, useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { safeNext } from "@/lib/paths";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { NewPasswordField } from "@/components/NewPasswordField";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function Signup() {
  const { search } = useLocation();
  const { refresh } = useSession();
  const next = safeNext(search.get("next"));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signup = useAction(() => api.signup({ name: name.trim(), email: email.trim(), password }));
  const problem = signup.error instanceof ApiError ? signup.error : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const me = await signup.run();
    if (me) {
      await refresh();
      navigate(next ?? (me.memberships.length ? "/" : "/new-org"), { replace: true });
    }
  };

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start managing incidents with your team in minutes."
      footer={
        <>
          Already have an account?{" "}
          <Link href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"} className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <ErrorAlert error={signup.error && !problem?.problem.errors?.length ? signup.error : undefined} />
        <TextField label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={problem?.fieldError("name")} required autoFocus />
        <TextField label="Work email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={problem?.fieldError("email")} required />
        <NewPasswordField label="Password" value={password} onChange={(e) => setPassword(e.target.value)} error={problem?.fieldError("password")} />
        <Button type="submit" pending={signup.pending} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
