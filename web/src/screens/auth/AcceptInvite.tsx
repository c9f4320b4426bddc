"use client";

import { useState } from "react";
import { api, ApiError, type InvitePreview, type Me } from "@/lib/api";
import { useForm } from "@/lib/form";
import { ROLE_LABEL, formatDateTime } from "@/lib/format";
import { useAction, useResource } from "@/lib/resource";
import { orgHome } from "@/lib/paths";
import { navigate } from "@/lib/router";
import { useSession } from "@/lib/session";
import { AuthLayout } from "@/components/AuthLayout";
import { NewPasswordField } from "@/components/NewPasswordField";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { Loading } from "@/components/ui/States";

/** After joining: open the organisation that was not there before. */
function goToNewOrg(before: Me | undefined, after: Me | undefined) {
  const known = new Set(before?.memberships.map((m) => m.orgId));
  const joined = after?.memberships.find((m) => !known.has(m.orgId)) ?? after?.memberships[0];
  navigate(joined ? orgHome(joined) : "/", { replace: true });
}

function NewAccountForm({ token, invite }: { token: string; invite: InvitePreview }) {
  const { refresh } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const form = useForm(
    () => api.acceptInvite(token, { name: name.trim(), password }),
    async () => {
      const me = await refresh();
      if (me) goToNewOrg(undefined, me);
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <FormError form={form} />
      <TextField label="Email" value={invite.email} readOnly disabled hint="The invite is for this address." />
      <TextField label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={form.fieldError("name")} required autoFocus />
      <NewPasswordField label="Choose a password" value={password} onChange={(e) => setPassword(e.target.value)} error={form.fieldError("password")} />
      <Button type="submit" pending={form.pending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}

function SignedInAccept({ token, invite, me }: { token: string; invite: InvitePreview; me: Me }) {
  const { refresh, signOut } = useSession();
  const accept = useAction(() => api.acceptInvite(token).then(() => true));
  const here = `/invite/${encodeURIComponent(token)}`;
  if (me.user.email.toLowerCase() !== invite.email.toLowerCase()) {
    return (
      <div className="space-y-4">
        <Alert tone="warning" title="This invite is for someone else">
          You are signed in as {me.user.email}, but the invite is for {invite.email}.
        </Alert>
        <Button
          variant="secondary"
          onClick={async () => {
            await signOut();
            navigate(`/login?email=${encodeURIComponent(invite.email)}&next=${encodeURIComponent(here)}`);
          }}
        >
          Sign out and use {invite.email}
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <ErrorAlert error={accept.error} />
      <p className="text-sm text-slate-700 dark:text-slate-300">Signed in as {me.user.email}.</p>
      <Button
        pending={accept.pending}
        className="w-full"
        onClick={async () => {
          if (await accept.run()) goToNewOrg(me, await refresh());
        }}
      >
        Join {invite.orgName}
      </Button>
    </div>
  );
}

export default function AcceptInvite({ token }: { token: string }) {
  const { state } = useSession();
  const preview = useResource(() => api.previewInvite(token), [token]);
  const invite = preview.data;
  const here = `/invite/${encodeURIComponent(token)}`;

  if (preview.loading || state.status === "loading") {
    return (
      <AuthLayout title="Join an organisation">
        <Loading label="Opening your invite…" />
      </AuthLayout>
    );
  }
  if (!invite) {
    const gone = preview.error instanceof ApiError && preview.error.status === 404;
    return (
      <AuthLayout title="Join an organisation">
        <Alert tone="error" title={gone ? "This invite is no longer valid" : "The invite could not be opened"}>
          {gone ? "It may have been used, revoked or expired. Ask the person who invited you for a new one." : String(preview.error)}
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={`Join ${invite.orgName}`}
      subtitle={
        <>
          You have been invited as {invite.roles.map((r) => ROLE_LABEL[r]).join(", ")}. The invite expires {formatDateTime(invite.expiresAt)}.
        </>
      }
    >
      {state.status === "signedIn" ? (
        <SignedInAccept token={token} invite={invite} me={state.me} />
      ) : invite.accountExists ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700 dark:text-slate-300">{invite.email} already has a Simplicity account. Sign in to accept.</p>
          <ButtonLink href={`/login?email=${encodeURIComponent(invite.email)}&next=${encodeURIComponent(here)}`} className="w-full">
            Sign in to accept
          </ButtonLink>
        </div>
      ) : (
        <NewAccountForm token={token} invite={invite} />
      )}
    </AuthLayout>
  );
}
