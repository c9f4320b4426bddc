"use client";

import { useState } from "react";
import { api, ApiError, REQUESTER, ROLES, type Invite, type Member, type Role } from "@/lib/api";
import { useForm } from "@/lib/form";
import { formatDateTime, ROLE_HINT, ROLE_LABEL } from "@/lib/format";
import { isAgent, useFreshMembers, useOrg } from "@/lib/org";
import { useAction, useResource } from "@/lib/resource";
import { useMe } from "@/lib/session";
import { Alert, ErrorAlert, FormError } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox, TextField } from "@/components/ui/Field";
import { ErrorState, Loading } from "@/components/ui/States";
import { PortalSignup } from "./PortalSignup";

/** The roles, requester alone or any of the others (ticking one unticks the other kind). */
function RoleBoxes({ name, roles, onChange, disabled }: { name: string; roles: Role[]; onChange: (roles: Role[]) => void; disabled?: boolean }) {
  const agentRoles = roles.filter((r) => r !== REQUESTER);
  return (
    <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
      <legend className="sr-only">Roles of {name}</legend>
      {ROLES.map((role) => (
        <Checkbox
          key={role}
          label={ROLE_LABEL[role]}
          title={ROLE_HINT[role]}
          checked={roles.includes(role)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked ? [...agentRoles, role] : agentRoles.filter((r) => r !== role))}
        />
      ))}
      <Checkbox
        label={
          <>
            {ROLE_LABEL[REQUESTER]} <span className="text-xs text-slate-600 dark:text-slate-400">({ROLE_HINT[REQUESTER].toLowerCase()})</span>
          </>
        }
        checked={roles.includes(REQUESTER)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked ? [REQUESTER] : [])}
      />
    </fieldset>
  );
}

function MemberRow({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const { org } = useOrg();
  const me = useMe();
  const save = useAction((roles: Role[]) => api.updateMember(org.id, member.userId, roles));
  const requiredPlan = save.error instanceof ApiError ? save.error.problem.requiredPlan : undefined;
  const remove = useAction(() => api.removeMember(org.id, member.userId));
  const label = member.name || member.email;
  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-white">
          {label} {member.userId === me.user.id && <span className="text-xs font-normal text-slate-600 dark:text-slate-400">(you)</span>}
        </p>
        <p className="truncate text-sm text-slate-600 dark:text-slate-400">{member.email}</p>
        <ErrorAlert error={save.error || remove.error} className="mt-2">
          {requiredPlan && <> Upgrade to the {requiredPlan} plan for more seats.</>}
        </ErrorAlert>
      </div>
      <RoleBoxes
        name={label}
        roles={member.roles}
        disabled={save.pending}
        onChange={async (roles) => {
          if (roles.length === 0) return;
          if (await save.run(roles)) onChanged();
        }}
      />
      <Button
        variant="ghost"
        size="sm"
        pending={remove.pending}
        aria-label={`Remove ${label}`}
        onClick={async () => {
          if (!window.confirm(`Remove ${label} from ${org.name}?`)) return;
          await remove.run();
          onChanged();
        }}
      >
        Remove
      </Button>
    </li>
  );
}

function InviteForm({ onInvited }: { onInvited: (invite: Invite) => void }) {
  const { org } = useOrg();
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>(["member"]);
  const form = useForm(
    () => api.invite(org.id, email.trim(), roles),
    (created) => {
      setEmail("");
      onInvited(created);
    },
  );
  const requiredPlan = form.apiError?.problem.requiredPlan;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3 p-4" noValidate>
      <FormError form={form}>{requiredPlan && <> Upgrade to the {requiredPlan} plan for more seats.</>}</FormError>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Email address"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldError("email")}
          className="flex-1"
          required
        />
        <div className="sm:pt-6">
          <RoleBoxes name="the new member" roles={roles} onChange={setRoles} />
        </div>
      </div>
      <Button type="submit" pending={form.pending} disabled={!email.trim() || roles.length === 0}>
        Send invite
      </Button>
    </form>
  );
}

function InviteRow({ invite, onChanged }: { invite: Invite; onChanged: () => void }) {
  const { org } = useOrg();
  const resend = useAction(() => api.resendInvite(org.id, invite.id));
  const revoke = useAction(() => api.revokeInvite(org.id, invite.id));
  const [resent, setResent] = useState(false);
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-white">{invite.email}</p>
        <p className="text-slate-600 dark:text-slate-400">
          {invite.roles.map((r) => ROLE_LABEL[r]).join(", ")} · expires {formatDateTime(invite.expiresAt)}
          {resent && " · sent again"}
        </p>
        <ErrorAlert error={resend.error || revoke.error} className="mt-2" />
      </div>
      <Button
        size="sm"
        variant="secondary"
        pending={resend.pending}
        onClick={async () => {
          if (await resend.run()) {
            setResent(true);
            onChanged();
          }
        }}
      >
        Resend
      </Button>
      <Button
        size="sm"
        variant="ghost"
        pending={revoke.pending}
        aria-label={`Revoke the invite for ${invite.email}`}
        onClick={async () => {
          await revoke.run();
          onChanged();
        }}
      >
        Revoke
      </Button>
    </li>
  );
}

export default function Members() {
  const { org } = useOrg();
  const members = useFreshMembers();
  const invites = useResource(() => api.invites(org.id).then((p) => p.data), [org.id]);
  const [notice, setNotice] = useState<string>();
  const seats = org.limits.seats;

  return (
    <div className="space-y-6">
      {notice && <Alert tone="success">{notice}</Alert>}
      <Card>
        <CardHeader
          title="Members"
          description={
            (seats ? `${members.data?.filter(isAgent).length ?? "…"} of ${seats} seats used on the ${org.plan} plan` : "Unlimited seats") +
            " · requesters take no seat"
          }
        />
        {members.loading ? (
          <Loading label="Loading members…" />
        ) : !members.data ? (
          <ErrorState error={members.error} onRetry={members.reload} />
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700">
            {members.data.map((m) => (
              <MemberRow key={m.userId} member={m} onChanged={members.reload} />
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader title="Invite someone" description="They get an email with a link to join; the link works for 7 days." />
        <InviteForm
          onInvited={(invite) => {
            setNotice(`Invite sent to ${invite.email}.`);
            void invites.reload();
          }}
        />
      </Card>
      <Card>
        <CardHeader title="Pending invites" />
        {invites.loading ? (
          <Loading label="Loading invites…" />
        ) : !invites.data ? (
          <ErrorState error={invites.error} onRetry={invites.reload} />
        ) : invites.data.length === 0 ? (
          <p className="p-4 text-sm text-slate-600 dark:text-slate-400">No pending invites.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Pending invites">
            {invites.data.map((invite) => (
              <InviteRow key={invite.id} invite={invite} onChanged={invites.reload} />
            ))}
          </ul>
        )}
      </Card>
      <PortalSignup />
    </div>
  );
}
