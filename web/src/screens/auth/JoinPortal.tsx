"use client";
// `/{slug}/portal` (or `/{slug}`) for someone signed in who is not a
// member: an organisation may let people with a confirmed address at its
// email domain join its portal as requesters by themselves. Whether the
// organisation exists is never said: the offer is the same for any slug,
// and a refusal reads alike for one that does not exist.

import { useEffect, useState } from "react";
import { api, ApiError } from "@/lib/api";
import { orgHome, PENDING_JOIN } from "@/lib/paths";
import { Link, navigate } from "@/lib/router";
import { useMe, useSession } from "@/lib/session";
import { AuthLayout, textLinkClass } from "@/components/AuthLayout";
import { ResendVerification } from "@/components/ResendVerification";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";

type Outcome = { kind: "closed" } | { kind: "unconfirmed" } | { kind: "error"; error: unknown };

export default function JoinPortal({ slug }: { slug: string }) {
  const me = useMe();
  const { refresh, signOut } = useSession();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const confirmed = me.user.emailVerified;
  // The confirmation link leads home: from there, back here (see App's Home).
  useEffect(() => {
    if (!confirmed) localStorage.setItem(PENDING_JOIN, slug);
  }, [confirmed, slug]);

  async function join() {
    setPending(true);
    setOutcome(undefined);
    try {
      await api.joinPortal(slug);
      localStorage.removeItem(PENDING_JOIN);
      const after = await refresh();
      const membership = after?.memberships.find((m) => m.slug === slug);
      navigate(membership ? orgHome(membership) : `/${slug}/portal`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        localStorage.removeItem(PENDING_JOIN);
        setOutcome({ kind: "closed" });
      } else if (error instanceof ApiError && error.status === 403) {
        localStorage.setItem(PENDING_JOIN, slug);
        setOutcome({ kind: "unconfirmed" });
        void refresh();
      } else setOutcome({ kind: "error", error });
    } finally {
      setPending(false);
    }
  }

  const unconfirmed = outcome?.kind === "unconfirmed" || (!confirmed && outcome?.kind !== "closed");
  return (
    <AuthLayout
      title={`Join ${slug}'s portal`}
      subtitle={<>Signed in as {me.user.email}. The portal is where you ask {slug} for help and follow your requests.</>}
      footer={
        <>
          Not you?{" "}
          <button
            type="button"
            className={textLinkClass}
            onClick={async () => {
              await signOut();
              navigate(`/login?next=${encodeURIComponent(`/${slug}/portal`)}`);
            }}
          >
            Sign in with another account
          </button>
          {me.memberships.length > 0 && (
            <>
              {" · "}
              <Link href="/" className={textLinkClass}>
                Your organisations
              </Link>
            </>
          )}
        </>
      }
    >
      <div className="space-y-4">
        {outcome?.kind === "closed" ? (
          <Alert tone="warning" title="This organisation's portal is not open to your address">
            Ask the organisation for an invitation, or sign in with the address you use there.
          </Alert>
        ) : unconfirmed ? (
          <Alert tone="warning" title="Confirm your email address first">
            We sent a link to {me.user.email}; open it, then join from here. <ResendVerification />
          </Alert>
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Organisations can let everyone with an address at their email domain join their portal. Joining makes you a requester: you see the catalogue, your own
            requests and the help articles.
          </p>
        )}
        {outcome?.kind === "error" && <ErrorAlert error={outcome.error} />}
        {outcome?.kind === "closed" ? (
          <ButtonLink href={me.memberships.length ? "/" : "/new-org"} variant="secondary">
            {me.memberships.length ? "Go to your organisations" : "Create an organisation"}
          </ButtonLink>
        ) : (
          <Button onClick={() => void join()} pending={pending} className="w-full">
            Join {slug}&apos;s portal
          </Button>
        )}
      </div>
    </AuthLayout>
  );
}
