"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import { slugify } from "@/lib/paths";
import { useAction } from "@/lib/resource";
import { Link, navigate } from "@/lib/router";
import { useMe, useSession } from "@/lib/session";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { ErrorAlert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";

export default function NewOrg() {
  const me = useMe();
  const { refresh, signOut } = useSession();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useAction(() => api.createOrg({ name: name.trim(), slug }));
  const problem = create.error instanceof ApiError ? create.error : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const org = await create.run();
    if (org) {
      await refresh();
      navigate(`/${org.slug}/incidents`, { replace: true });
    }
  };

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
      <form onSubmit={submit} className="space-y-4" noValidate>
        <ErrorAlert error={create.error && !problem?.problem.errors?.length ? create.error : undefined} />
        <TextField
          label="Organisation name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
          error={problem?.fieldError("name")}
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
          error={problem?.fieldError("slug")}
          pattern="[a-z0-9-]{3,40}"
          required
        />
        <Button type="submit" pending={create.pending} className="w-full">
          Create organisation
        </Button>
      </form>
    </AuthLayout>
  );
}
