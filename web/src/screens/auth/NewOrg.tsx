"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { useForm } from "@/lib/form";
import { slugify } from "@/lib/paths";
import { Link, navigate } from "@/lib/router";
import { useMe, useSession } from "@/lib/session";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { ResendVerification } from "@/components/ResendVerification";
import { Alert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function NewOrg() {
  const me = useMe();
  const { refresh, signOut } = useSession();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useForm(
    () => api.createOrg({ name: name.trim(), slug }),
    async (org) => {
      await refresh();
      navigate(`/${org.slug}/incidents`, { replace: true });
    },
  );

  return (
    <AuthLayout
      title="Create an organisation"
      subtitle="An organisation is your team's workspace: its incidents, members and settings."
      footer={
        <>
          Signed in as {me.user.email}.{" "}
          {me.memberships.length > 0 && (
            <>
              <Link href="/" className={textLinkClass}>
                Back to your organisations
              </Link>{" "}
              ·{" "}
            </>
          )}
          <button
            type="button"
            className={textLinkClass}
            onClick={async () => {
              await signOut();
              navigate("/login");
            }}
          >
            Sign out
          </button>
        </>
      }
    >
      {!me.user.emailVerified ? (
        <Alert tone="info" title="Confirm your email address first">
          We sent a link to {me.user.email}. Follow it, then come back here to create your organisation.{" "}
          <ResendVerification />
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <FormError form={form} />
          <TextField
            label="Organisation name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(slugify(e.target.value));
            }}
            error={form.fieldError("name")}
            required
            autoFocus
          />
          <TextField
            label="URL"
            hint={`simplicity…/${slug || "your-team"} — lowercase letters, digits and hyphens, 3–40 characters.`}
            value={slug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value.toLowerCase());
            }}
            error={form.fieldError("slug")}
            pattern="[a-z0-9-]{3,40}"
            required
          />
          <Button type="submit" pending={form.pending} className="w-full">
            Create organisation
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
