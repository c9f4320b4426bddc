"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { Link, navigate, useLocation } from "@/lib/router";
import { useSession } from "@/lib/session";
import { safeNext } from "@/lib/paths";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { NewPasswordField } from "@/components/NewPasswordField";
import { FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function Signup() {
  const { search } = useLocation();
  const { refresh } = useSession();
  const next = safeNext(search.get("next"));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useForm(
    () => api.signup({ name: name.trim(), email: email.trim(), password }),
    async (me) => {
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
