"use client";

import { useState } from "react";
import { api, ApiError, type Me } from "@/lib/api";
import { useForm } from "@/lib/form";
import { Link, navigate, useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { safeNext } from "@/lib/paths";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { NewPasswordField } from "@/components/NewPasswordField";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function Signup() {
  const { search } = useLocation();
  const { refresh } = useSession();
  const next = safeNext(search.get("next"));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Whether the address turned out to have an account already (its owner was mailed).
  const [mailed, setMailed] = useState(false);
  const form = useForm(
    async (): Promise<Me | null> => {
      const account = { email: email.trim(), password };
      // Sign-up answers alike whether or not the address has an account; a
      // new one signs in with the password just chosen.
      await api.signup({ name: name.trim(), ...account });
      try {
        return await api.login(account);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    async (me) => {
      if (!me) {
        setMailed(true);
        return;
      }
      await refresh();
      navigate(next ?? (me.memberships.length ? "/" : "/new-org"), { replace: true });
    },
  );

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
      {mailed && (
        <Alert tone="info" title="Check your inbox">
          We sent a message to {email.trim()}. If you already have an account, it tells you how to sign in.
        </Alert>
      )}
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
        <FormError form={form} />
        <TextField label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} required autoFocus />
        <TextField label="Work email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.fieldError("email")} required />
        <NewPasswordField label="Password" value={password} onChange={(e) => setPassword(e.target.value)} error={form.fieldError("password")} />
        <Button type="submit" pending={form.pending} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
