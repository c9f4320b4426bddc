// Generated from /api/openapi.json by web/scripts/api-types.mjs; do not edit.
// Regenerate: `cargo run -q -- openapi > /tmp/openapi.json && node web/scripts/api-types.mjs /tmp/openapi.json`.

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in with email and password; sets a fresh session cookie.
         *     Attempts are limited per account and per client address (429 with `Retry-After`).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends this session. */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends every session of the signed-in user, on every device, and revokes
         *     their API tokens.
         */
        post: operations["logout_all"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sets a new password with the emailed single-use token; ends every
         *     session and revokes every API token.
         */
        post: operations["reset_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Emails a password-reset link if the account exists. Always 202, so the
         *     answer does not reveal which emails have accounts.
         */
        post: operations["request_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs up. The answer is the same 202 whether or not the address already
         *     has an account, so sign-up does not tell who has one: a new address gets
         *     its account and a confirmation link (then signs in with the password it
         *     chose); an address with an account gets a mail telling its owner.
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirms an email address with the emailed single-use token. The first
         *     confirmation ends every other session and revokes every API token made
         *     before it (whoever signed up with the address first loses them); the
         *     session confirming, if it is the owner's, stays.
         */
        post: operations["verify_email"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify-email/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Emails the signed-in user a new verification link. */
        post: operations["request_verification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cron/sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Runs the sweep once: relays the outbox, queues due escalations and
         *     delivery retries. Called by Vercel cron and the EventBridge schedule
         *     with `Authorization: Bearer $CRON_SECRET`.
         */
        get: operations["sweep"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up. Touches nothing else. */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accepts an invite. Signed in (as the invited email): joins the
         *     organisation. Not signed in and new: `{name, password}` creates the
         *     account, joins, and signs in.
         */
        post: operations["accept_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invite link is for, so the accept page can say it. */
        post: operations["preview_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and their memberships (org id, slug, roles). */
        get: operations["me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's API tokens (without their secrets). */
        get: operations["list_tokens"];
        put?: never;
        /**
         * Creates a personal API token for `Authorization: Bearer …`. The secret is
         *     in this response only.
         */
        post: operations["create_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes one of the signed-in user's API tokens. */
        delete: operations["revoke_token"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process's metrics in OpenMetrics text: requests by route template
         *     and status, latency, queue sends, delivery outcomes, escalation lag,
         *     sweep duration, and the outbox backlog. Only when `METRICS_TOKEN` is
         *     set, sent as the bearer token.
         */
        get: operations["function_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API's OpenAPI 3.1 document. */
        get: operations["openapi_json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Creates an organisation; the caller becomes its admin. */
        post: operations["create_org"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation with its plan, modules and limits. */
        get: operations["get_org"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Items, newest first, in pages (opaque `cursor`); filter by type,
         *     status, owner, team and words.
         */
        get: operations["list_items"];
        put?: never;
        /**
         * Records a configuration item. Its `attributes` are checked against its
         *     type's schema (a 422 names the path at fault, `/attributes/os`). An
         *     `Idempotency-Key` makes a retry within 24 hours return the first one.
         */
        post: operations["create_item"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One item, by id (`cfg_…`) or number (`7`, `CI-7`), with its `ETag`. */
        get: operations["get_item"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes an item. Requires `If-Match` (428 without, 412 when stale);
         *     status moves follow its lifecycle (409 otherwise); attributes are
         *     checked against the (new) type's schema.
         */
        patch: operations["update_item"];
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["item_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["item_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["item_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every item reached from this one following its relationships (cycles
         *     are walked once), nearest first, with its depth and a shortest path.
         */
        get: operations["impact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["item_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["item_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["item_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The open incidents, problems and changes that affect the item or what
         *     it depends on: what a responder looks at first.
         */
        get: operations["item_records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/relationships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The item's relationships, both ways. */
        get: operations["list_relationships"];
        put?: never;
        /** Relates the item to another (`this depends_on that`); cycles are allowed. */
        post: operations["add_relationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/relationships/{relationshipId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the item's relationships. */
        delete: operations["remove_relationship"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/{itemId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["item_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["item_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every item as CSV, in the columns import reads, a page at a time. */
        get: operations["export_items"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports items from CSV (`text/csv`) or a JSON array of rows
         *     (`application/json`), reconciling each row on its external id, else on
         *     (type, name): the same file again changes nothing; an edited file
         *     updates in place. With `dryRun`, reports what would happen; with any
         *     invalid row (its line and field are reported), nothing is written
         *     unless `skipInvalid`. Relationships: a `relationships` column of
         *     `relation:target` (target by external id or `CI-n`), `;`-separated.
         *     `Accept: application/x-ndjson` streams `{"progress": rows}` lines
         *     before the report.
         */
        post: operations["import_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/relation-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Relations: the built-in ones and the organisation's own. */
        get: operations["list_relation_types"];
        put?: never;
        /** Defines a relation (admins): its key and how it reads from the other end. */
        post: operations["add_relation_type"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Item types: the built-in ones and the organisation's own, with schemas. */
        get: operations["list_types"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/assets/types/{typeKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Defines a type, or gives a type (built-in too) its attribute schema
         *     (admins). A schema that is not a JSON Schema is a 422 naming `schema`.
         *     Items already of the type are not checked again until they change.
         */
        put: operations["put_type"];
        post?: never;
        /**
         * Removes one of the organisation's types (admins); a type items still
         *     have is a 409. A built-in type loses its schema and stays.
         */
        delete: operations["delete_type"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's audit log, newest first (admins only). Filter by actor,
         *     action and time; page with `cursor`; `format=ndjson` (or `Accept:
         *     application/x-ndjson`) exports all matching events.
         */
        get: operations["list_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recomputes the organisation's hash chain and reports the first broken link. */
        get: operations["verify_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Plan, subscription state and seats (admins only); without Stripe on
         *     this deployment, the plan and seats with `configured: false`.
         */
        get: operations["get_billing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts a Stripe Checkout for a plan (admins only). An organisation with a
         *     live subscription changes plan in the portal instead (409).
         */
        post: operations["start_checkout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens the Stripe Billing Portal: card, invoices, plan changes and
         *     cancellation (admins only).
         */
        post: operations["open_portal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every business-hours calendar. */
        get: operations["list_sla_calendars"];
        put?: never;
        /**
         * Writes a calendar: weekly hours per day in an IANA zone (several spans
         *     a day for split days), holidays (a date, or `everyYear: "12-25"`) and
         *     exceptions (a date's own hours; none: closed). Admins.
         */
        post: operations["create_sla_calendar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/calendars/{calendarId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One calendar. */
        get: operations["get_sla_calendar"];
        /** Replaces a calendar (admins; `If-Match`). Clocks read it from now on. */
        put: operations["replace_sla_calendar"];
        post?: never;
        /** Deletes a calendar no policy counts by (409 naming one that does). Admins. */
        delete: operations["delete_sla_calendar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The catalogue as the caller may use it: published items open to them
         *     (everyone's, and their teams'), with their forms, and the categories.
         */
        get: operations["get_catalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adds a category (catalogue managers). */
        post: operations["create_catalog_category"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deletes a category; its items stay, uncategorised (catalogue managers). */
        delete: operations["delete_catalog_category"];
        options?: never;
        head?: never;
        /** Renames, describes or moves a category (catalogue managers). */
        patch: operations["update_catalog_category"];
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every item, drafts and retired ones too (catalogue managers). */
        get: operations["list_catalog_items"];
        put?: never;
        /** Writes a draft item (catalogue managers); publish it to let people request it. */
        post: operations["create_catalog_item"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/items/{catalogItemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One item: to catalogue managers any item, with its setup; to others a
         *     published item open to them (404 otherwise).
         */
        get: operations["get_catalog_item"];
        /**
         * Replaces an item (catalogue managers). Requires `If-Match`. A different
         *     form becomes the form's next version: requests raised before keep the
         *     version they were raised with.
         */
        put: operations["replace_catalog_item"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/items/{catalogItemId}/forms/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of an item's form (for agents reading an older request). */
        get: operations["get_catalog_form"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/catalog/items/{catalogItemId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publishes, withdraws (to draft) or retires an item (catalogue managers). */
        post: operations["move_catalog_item"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Changes, newest first, in pages (opaque `cursor`); with `from` and `to`,
         *     those whose window overlaps the range (the calendar), each with its conflicts.
         */
        get: operations["list_changes"];
        put?: never;
        /**
         * Raises a change as a draft; its risk is assessed from the
         *     organisation's rules and questionnaire. `relatedProblems` and
         *     `affectedItems` are linked in the same write. An `Idempotency-Key` makes
         *     a retry within 24 hours return the first one.
         */
        post: operations["create_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One change, by id (`chg_…`) or number (`3`, `CHG-3`), with its `ETag`,
         *     approval (steps, votes, who is pending), conflicts and links.
         */
        get: operations["get_change"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edits a change's fields (its status moves through `…/submit`,
         *     `…/votes` and `…/status`). Requires `If-Match` (428 without, 412 when
         *     stale). The risk is assessed again; moving a scheduled change's window
         *     into a freeze is a 409 naming the freeze.
         */
        patch: operations["update_change"];
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["change_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["change_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["change_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens an incident caused by this change (linked `caused_by` it, in the
         *     same write): what a failed change did. Counts towards the change
         *     failure rate.
         */
        post: operations["open_caused_incident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["change_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["change_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["change_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves a change along its lifecycle. Requires `If-Match`. The moves the
         *     approvals make (`submitted`, `awaiting_approval`, `approved`,
         *     `rejected`) are a 409 here.
         */
        post: operations["move_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submits a draft to the approvals its type needs: the organisation's
         *     board for normal changes, its smaller emergency board for emergency
         *     ones; a standard change (pre-approved) is approved at once. Approvers
         *     are resolved now (never the requester); a step they cannot meet is a 409
         *     saying why.
         */
        post: operations["submit_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["change_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["change_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/{changeId}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approves or rejects the change's current approval step, as one of its
         *     approvers (403 otherwise, and always for the requester). The step and
         *     the approval decide as soon as the votes make the outcome certain.
         */
        post: operations["vote_on_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/awaiting-my-approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The changes waiting on my vote now. */
        get: operations["awaiting_my_approval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/failure-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The change failure rate over `[from, to)` (default the last 30 days):
         *     changes that caused an incident ÷ changes finished.
         */
        get: operations["failure_rate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/freezes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Freeze periods (blackouts), optionally those overlapping `[from, to)`. */
        get: operations["list_freezes"];
        put?: never;
        /**
         * Declares a freeze (admins): no change but an emergency may be scheduled
         *     in it (only those affecting `items`, when given).
         */
        post: operations["create_freeze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/freezes/{freezeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends a freeze (admins). */
        delete: operations["delete_freeze"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's change policy, with its version as the `ETag` (0:
         *     the default, never saved).
         */
        get: operations["get_policy"];
        /**
         * Replaces the change policy (admins). Requires `If-Match` with its
         *     `ETag`. Approvers named must be members, teams the organisation's.
         */
        put: operations["put_policy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/changes/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Changes completed lately on the configuration items an incident
         *     affects: the first thing a responder asks.
         */
        get: operations["recent_changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Active incidents, MTTA/MTTR (mean, p50, p90), SLA compliance per
         *     severity, incidents breaching now, and daily series, for a window of UTC days.
         */
        get: operations["dashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first; `status=dead` lists what gave up. */
        get: operations["list_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt. */
        get: operations["get_delivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a dead delivery again (409 unless it is dead). */
        post: operations["retry_delivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/escalation-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Escalation policies (every member may read). */
        get: operations["list_policies"];
        put?: never;
        /** Creates an escalation policy (admins only). */
        post: operations["create_policy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/escalation-policies/{policyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replaces an escalation policy (admins only). */
        put: operations["update_policy"];
        post?: never;
        /** Deletes an escalation policy (admins only). */
        delete: operations["delete_policy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Domain events as they happen (`incident.created`, `incident.acknowledged`,
         *     `incident.note_added`, …). Each event's `id` is its position; reconnect
         *     with `Last-Event-ID` to receive what was missed.
         */
        get: operations["stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/features": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Switches modules on or off: `{"problemManagement": true, …}`. Admins only;
         *     a module the plan does not include is a 402 naming the plan that does.
         */
        patch: operations["set_features"];
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents, filtered and paged (opaque `cursor`, `limit` ≤ 100). */
        get: operations["list_incidents"];
        put?: never;
        /**
         * Opens an incident. With an `Idempotency-Key` header, a retry within 24
         *     hours returns the incident the first request created.
         */
        post: operations["create_incident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incident, by id or number, with its `ETag`. */
        get: operations["get_incident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes an incident. Requires `If-Match` with its current `ETag` (428
         *     without, 412 when stale). Status moves follow the lifecycle (409 otherwise).
         */
        patch: operations["update_incident"];
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["incident_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["incident_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["incident_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/handoff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hands the incident from its commander to another member in one step: the
         *     new commander replaces the old one among the assignees, with an optional note.
         */
        post: operations["handoff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["incident_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["incident_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["incident_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The incident's SLA clocks (response, resolution) as they stand now,
         *     each with how its figures came about (module slaManagement).
         */
        get: operations["incident_sla"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/incidents/{incidentId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["incident_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["incident_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which organisation channels are set up (settings are never shown back). */
        get: operations["list_integrations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/integrations/{channel}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets a channel's settings (Slack `webhookUrl`; SMS `accountSid`,
         *     `authToken`, `fromNumber`; PagerDuty `routingKey`), sealed at rest.
         */
        put: operations["put_integration"];
        post?: never;
        /** Removes a channel's settings. */
        delete: operations["delete_integration"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/integrations/{channel}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends a test notification through a configured channel and reports
         *     what the receiver answered (SMS goes to your own phone number).
         */
        post: operations["test_integration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invites (admins only). */
        get: operations["list_invites"];
        put?: never;
        /**
         * Invites someone by email with roles (admins only). Inviting a member is a
         *     409; when every seat is taken, a 402.
         */
        post: operations["create_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invites/{inviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes a pending invite; its link stops working. */
        delete: operations["revoke_invite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invites/{inviteId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a pending invite again with a fresh link and a new 7-day expiry. */
        post: operations["resend_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Searches the knowledge base (`q`), or lists its newest published
         *     articles. Known errors are found when problem management is on and the
         *     caller may read problems; incidents when the caller may see incidents.
         */
        get: operations["search_kb"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Knowledge-base articles, newest first, in pages (opaque `cursor`). */
        get: operations["list_articles"];
        put?: never;
        /**
         * Writes a draft knowledge-base article (revision 1). With an
         *     `Idempotency-Key` header, a retry within 24 hours returns the article
         *     the first request wrote.
         */
        post: operations["create_article"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One article, by id (`kba_…`) or number (`7`, `KB-7`), with its `ETag`. */
        get: operations["get_article"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes an article. A new title or body is a new revision (a
         *     published article stays as readers see it until that revision is
         *     published). Requires `If-Match` with its current `ETag` (428 without,
         *     412 when stale).
         */
        patch: operations["update_article"];
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/action-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A postmortem's action items, oldest first. */
        get: operations["list_action_items"];
        put?: never;
        /** Adds an action item to a postmortem (409 for another kind of article). */
        post: operations["add_action_item"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/action-items/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes an action item (its title, owner, due date, or marks it done).
         *     Requires `If-Match` (428 without, 412 when stale).
         */
        patch: operations["update_action_item"];
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/action-items/{itemId}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turns an action item into a problem (caused by the postmortem's
         *     incident) or a normal change, linked to the postmortem, and records it
         *     on the item. Safe to retry: a retry finds the record the first made;
         *     an item that became something already is a 409.
         */
        post: operations["promote_action_item"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The article's latest review: its step, approvers and votes (404 if it
         *     was never submitted for review).
         */
        get: operations["get_approval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["article_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["article_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["article_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["article_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["article_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["article_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An article's revisions, newest first: each `published` (readers see
         *     it), `outdated` (they did) or `draft`.
         */
        get: operations["list_revisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/revisions/{revision}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One revision, whole. */
        get: operations["get_revision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/revisions/{revision}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The line diff of a revision's title and body against another (by
         *     default the one before it; revision 1 against nothing).
         */
        get: operations["diff_revision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves an article along `draft → in_review → published → retired`
         *     (back to draft from review or retirement); `published` publishes its
         *     latest revision, and the one readers saw before becomes outdated.
         *     Requires `If-Match` (428 without, 412 when stale); 409 for a move the
         *     lifecycle does not allow.
         */
        post: operations["move_article"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["article_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["article_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/articles/{articleId}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approves or rejects the article's open review, as one of its reviewers
         *     (403 otherwise, and always for whoever submitted it). Approved, its
         *     latest revision is published; rejected, a draft goes back to draft.
         */
        post: operations["vote_on_article"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the postmortem process still owes, for the dashboard (20 of each). */
        get: operations["follow_ups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/postmortems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Writes the postmortem of a resolved incident (409 while it is not):
         *     a draft with the template's sections, the facts filled in. An incident
         *     has one postmortem; asking again answers it with 200.
         */
        post: operations["write_postmortem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/postmortems/{incidentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The incident's postmortem (404 while it has none). */
        get: operations["postmortem_of"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/kb/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The knowledge base's settings (the default template until one is set). */
        get: operations["get_settings"];
        /**
         * Sets the postmortem template (admins). Postmortems already written
         *     keep their sections; publishing checks the template of the day.
         */
        put: operations["put_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's members and their roles. */
        get: operations["list_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes a member (admins), or leaves the organisation (any member, for
         *     themselves). Their sessions stop reaching the organisation at once; what
         *     they did stays, attributed to them. The last admin cannot leave.
         */
        delete: operations["remove_member"];
        options?: never;
        head?: never;
        /** Changes a member's roles (admins only). The last admin cannot be demoted. */
        patch: operations["update_member"];
        trace?: never;
    };
    "/api/orgs/{orgId}/notification-rules/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in member's notification rules here (defaults until saved). */
        get: operations["my_rules"];
        /** Replaces the signed-in member's notification rules here. */
        put: operations["put_my_rules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Problems, newest first, in pages (opaque `cursor`); filter by status,
         *     known errors and words. With `incident`, the known errors a responder
         *     should see: those linked to it, then those matching its title.
         */
        get: operations["list_problems"];
        put?: never;
        /**
         * Records a problem. With `incidents`, links each (`caused_by` it) in the
         *     same write; with a `workaround`, it starts as a known error. An
         *     `Idempotency-Key` makes a retry within 24 hours return the first one.
         */
        post: operations["create_problem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One problem, by id (`prb_…`) or number (`3`, `PRB-3`), with its `ETag`,
         *     the incidents it causes and the changes related to it.
         */
        get: operations["get_problem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes a problem. Requires `If-Match` with its current `ETag` (428
         *     without, 412 when stale); status moves follow the lifecycle (409
         *     otherwise). A new workaround is published: it goes on the timeline of
         *     every open incident the problem causes, their assignees are told, and a
         *     problem still being identified or investigated becomes a known error.
         */
        patch: operations["update_problem"];
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["problem_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["problem_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["problem_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["problem_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["problem_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["problem_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/problems/{problemId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["problem_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["problem_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requester-signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Lets anyone with a confirmed address at the organisation's domain join
         *     its portal as a requester (no seat), or stops it (admins). The domain
         *     must be that of the admin's own confirmed address.
         */
        put: operations["set_requester_signup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Requests, newest first, in pages: every request for agents, one's own
         *     for requesters.
         */
        get: operations["list_requests"];
        put?: never;
        /**
         * Raises a request from a catalogue item. Answers are checked against the
         *     item's form (a 422 names each path). An item with an approval waits for
         *     it (`awaiting_approval`); one without starts at once (`in_progress`,
         *     its first tasks open). Send `Idempotency-Key` to make retries safe.
         */
        post: operations["create_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One request, by id (`req_…`) or number (`3`, `REQ-3`), with its form,
         *     answers, approval and tasks.
         */
        get: operations["get_request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/external-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The record's links to things outside (a Jira issue, a
         *     ServiceNow record, a URL).
         */
        get: operations["request_records_external_links"];
        put?: never;
        /** Links the record to something outside. */
        post: operations["request_records_add_external_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/external-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's external links. */
        delete: operations["request_records_remove_external_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's links to other records, from either end. */
        get: operations["request_records_links"];
        put?: never;
        /**
         * Links the record to another record of the organisation (both
         *     timelines say so).
         */
        post: operations["request_records_add_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of the record's links. */
        delete: operations["request_records_remove_link"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The request's SLA clocks as they stand now, each with how its figures
         *     came about (agents; module slaManagement).
         */
        get: operations["request_sla"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancels a request (its requester or an agent: its approval is withdrawn,
         *     its open tasks cancelled) or fulfils it by hand (an agent, once no task
         *     is left). The other moves follow from its approval and its tasks (409).
         */
        post: operations["move_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Moves or assigns one of the request's tasks (agents), while the request
         *     is in progress. The last task of a stage opens the next; the last of
         *     all fulfils the request.
         */
        patch: operations["update_task"];
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record's timeline, oldest first. */
        get: operations["request_records_timeline"];
        put?: never;
        /**
         * Adds a note to the timeline. Entries are never edited or
         *     deleted; a correction is a new note.
         */
        post: operations["request_records_add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/{requestId}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approves or rejects the request's current approval step, as one of its
         *     approvers (403 otherwise, and always for the requester). Approved: its
         *     first tasks open; rejected: its requester is told.
         */
        post: operations["vote_on_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/requests/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fulfilment tasks still to do, least recently touched first: a team's
         *     queue (`team`), or the caller's (`mine`).
         */
        get: operations["task_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Schedules (every member may read). */
        get: operations["list_schedules"];
        put?: never;
        /** Creates a schedule (admins only). */
        post: operations["create_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/schedules/{scheduleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replaces a schedule (admins only). */
        put: operations["update_schedule"];
        post?: never;
        /** Deletes a schedule (admins only). */
        delete: operations["delete_schedule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/schedules/{scheduleId}/oncall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is on call at an instant. */
        get: operations["on_call"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/schedules/{scheduleId}/shifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merged shifts over a range (default: the next 7 days; at most 35). */
        get: operations["shifts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every policy, in the order they are tried. */
        get: operations["list_sla_policies"];
        put?: never;
        /**
         * Writes a policy, tried after the others (admins): which records it
         *     applies to, targets per priority (`P1`…`P4`, `default`), a calendar
         *     (none: round the clock), statuses that pause it, warnings in %.
         */
        post: operations["create_sla_policy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sla-policies/{slaPolicyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One policy. */
        get: operations["get_sla_policy"];
        /**
         * Replaces a policy (admins; `If-Match`). Its running clocks keep their
         *     targets — re-apply it to move them — but disabling it stops all their
         *     warnings at once.
         */
        put: operations["replace_sla_policy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sla-policies/{slaPolicyId}/reapply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Applies the policy as it is now to its running clocks, keeping the time
         *     each has counted (admins). Nothing else changes running clocks.
         */
        post: operations["reapply_sla_policy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sla-policies/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How well targets were kept over the clocks started in the last days:
         *     per policy and metric, per team (OLAs), and breaches per day.
         */
        get: operations["sla_compliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sla-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA targets per severity: time to acknowledge and to resolve. */
        get: operations["get_targets"];
        /** Sets SLA targets for the severities given (admins only). */
        put: operations["put_targets"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's teams, by name. */
        get: operations["list_teams"];
        put?: never;
        /**
         * Creates a team (admins). Names are unique within the organisation,
         *     whatever their case.
         */
        post: operations["create_team"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One team, with its `ETag`. */
        get: operations["get_team"];
        put?: never;
        post?: never;
        /** Deletes a team (admins); refused while incidents are assigned to it. */
        delete: operations["delete_team"];
        options?: never;
        head?: never;
        /** Changes a team (admins). Requires `If-Match` with its current `ETag`. */
        patch: operations["update_team"];
        trace?: never;
    };
    "/api/orgs/{orgId}/teams/{teamId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Puts a member on the team (admins). */
        put: operations["add_team_member"];
        post?: never;
        /** Takes a member off the team (admins); a lead taken off is no longer lead. */
        delete: operations["remove_team_member"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook endpoints. */
        get: operations["list_webhooks"];
        put?: never;
        /** Registers an endpoint; the answer holds its signing secret, shown once. */
        post: operations["create_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes an endpoint. */
        delete: operations["delete_webhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/webhooks/{webhookId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replaces the signing secret (shown once); the old one keeps signing,
         *     beside the new, for 24 hours.
         */
        post: operations["rotate_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/webhooks/{webhookId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a signed test event to the endpoint and reports its answer. */
        post: operations["test_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/by-slug/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Resolves a slug to its organisation, for members only. */
        get: operations["org_by_slug"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/by-slug/{slug}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Joins the organisation's portal as a requester, when it lets people of
         *     the caller's confirmed email domain do so (404 otherwise, as for an
         *     organisation that does not exist). Joining again changes nothing.
         */
        post: operations["join_as_requester"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers a query. */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stripe/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receives Stripe's webhooks. The signature is checked over the raw body
         *     before anything is parsed; each event is processed once; arrival order is
         *     not trusted (an event older than the last one applied re-fetches the
         *     subscription from Stripe).
         */
        post: operations["stripe_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptInviteRequest: {
            /** @description For a new account: the name and password to create it with. */
            name?: string | null;
            password?: string | null;
            /** @description The token from the emailed link (`/invite/{token}`). */
            token: string;
        };
        /** @example act_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        ActionItemId: string;
        ActionItemList: {
            data: components["schemas"]["ActionItemView"][];
        };
        /** @enum {string} */
        ActionItemStatus: "open" | "done";
        ActionItemView: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date */
            dueOn?: string | null;
            id: components["schemas"]["ActionItemId"];
            ownerId?: null | components["schemas"]["UserId"];
            record?: null | components["schemas"]["RecordRef"];
            status: components["schemas"]["ActionItemStatus"];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` when changing it.
             */
            version: number;
        };
        /** @description Which records a policy applies to; an empty list matches every value. */
        AppliesTo: {
            /** @description Requests (or their tasks) raised from these catalogue items. */
            items?: components["schemas"]["CatalogItemId"][];
            /** @description Incidents with any of these labels. */
            labels?: string[];
            record: components["schemas"]["PolicySubject"];
            /** @description Incidents affecting any of these services (configuration items). */
            services?: components["schemas"]["ConfigItemId"][];
            /** @description Incidents of these severities. */
            severities?: components["schemas"]["Severity"][];
            /** @description Tasks given to these teams. */
            teams?: components["schemas"]["TeamId"][];
        };
        /** @enum {string} */
        ApprovalStatus: "pending" | "approved" | "rejected" | "withdrawn";
        ApprovalView: {
            /** @description The step votes go to now (0-based). */
            currentStep: number;
            /** @description Who may still vote on the current step. */
            pendingApprovers: components["schemas"]["UserId"][];
            status: components["schemas"]["ApprovalStatus"];
            steps: components["schemas"]["StepView"][];
        };
        /**
         * @description Who may approve a step: people, every member of some teams, every
         *     member with some roles.
         */
        Approvers: {
            roles?: components["schemas"]["Role"][];
            teams?: components["schemas"]["TeamId"][];
            users?: components["schemas"]["UserId"][];
        };
        /** @example kba_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        ArticleId: string;
        /** @enum {string} */
        ArticleKind: "article" | "postmortem";
        /** @enum {string} */
        ArticleStatus: "draft" | "in_review" | "published" | "retired";
        ArticleStatusRequest: {
            /** @description `published` publishes the latest revision (also of a published article). */
            status: components["schemas"]["ArticleStatus"];
        };
        ArticleView: {
            authorId: components["schemas"]["UserId"];
            /** @description Markdown. */
            body: string;
            /** Format: date-time */
            createdAt: string;
            id: components["schemas"]["ArticleId"];
            incidentId?: null | components["schemas"]["IncidentId"];
            kind: components["schemas"]["ArticleKind"];
            /** @description `KB-7`. */
            number: string;
            ownerId?: null | components["schemas"]["UserId"];
            /**
             * Format: int32
             * @description The revision readers see (older published ones are `outdated`).
             */
            publishedRevision?: number | null;
            /**
             * Format: date
             * @description Due for review on this day.
             */
            reviewOn?: string | null;
            /**
             * Format: int32
             * @description The revision of `title` and `body`.
             */
            revision: number;
            /** @description Past its review date. */
            stale: boolean;
            status: components["schemas"]["ArticleStatus"];
            tags: string[];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
            visibility: components["schemas"]["Visibility"];
        };
        AttemptView: {
            /** Format: int32 */
            attempt: number;
            /** Format: date-time */
            attemptedAt: string;
            outcome: string;
            /** Format: int32 */
            statusCode?: number | null;
        };
        /** @example aud_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        AuditEventId: string;
        AuditEventView: {
            action: string;
            actor: string;
            actorId?: null | components["schemas"]["UserId"];
            /** Format: date-time */
            createdAt: string;
            hash: string;
            id: components["schemas"]["AuditEventId"];
            ip: string;
            requestId: string;
            /** Format: int64 */
            seq: number;
            summary: unknown;
            target: string;
            userAgent: string;
        };
        AuditPage: {
            data: components["schemas"]["AuditEventView"][];
            /** @description Pass as `cursor` for the next (older) page; absent on the last page. */
            nextCursor?: string | null;
        };
        BillingView: {
            cancelAtPeriodEnd: boolean;
            /** @description What can be bought here (plans with a configured price). */
            checkoutOptions: components["schemas"]["CheckoutOption"][];
            /**
             * @description Whether this deployment sells plans through Stripe; without it the
             *     operator sets plans, and only `plan` and `seats` say anything.
             */
            configured: boolean;
            /** Format: date-time */
            currentPeriodEnd?: string | null;
            interval?: null | components["schemas"]["Interval"];
            lastInvoiceStatus?: null | components["schemas"]["InvoiceOutcome"];
            /** @description Stripe is retrying a failed payment: the plan is kept meanwhile. */
            pastDue: boolean;
            plan: components["schemas"]["Plan"];
            seats: components["schemas"]["Seats"];
            status?: null | components["schemas"]["SubscriptionStatus"];
        };
        BreachingIncident: {
            id: components["schemas"]["IncidentId"];
            reference: string;
            severity: components["schemas"]["Severity"];
            status: components["schemas"]["IncidentStatus"];
            title: string;
        };
        /** @example cal_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        CalendarId: string;
        CalendarList: {
            data: components["schemas"]["CalendarView"][];
        };
        /** @description A calendar as written. */
        CalendarSpec: {
            exceptions?: components["schemas"]["Exception"][];
            holidays?: components["schemas"]["Holiday"][];
            name: string;
            /** @description An IANA zone: `Europe/Berlin`. */
            timeZone: string;
            week: components["schemas"]["Week"];
        };
        CalendarView: components["schemas"]["CalendarSpec"] & {
            /** Format: date-time */
            createdAt: string;
            id: components["schemas"]["CalendarId"];
            /** Format: date-time */
            updatedAt: string;
            /** Format: int32 */
            version: number;
        };
        /** @example cit_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        CatalogItemId: string;
        CatalogItemList: {
            data: components["schemas"]["CatalogItemView"][];
        };
        /**
         * @description An item as written: its form a JSON Schema of an object (`if`/`then`,
         *     `dependentSchemas` and formats included), its approval steps (none: no
         *     approval), its fulfilment plan (stages in sequence, tasks of a stage in
         *     parallel, each for a team and optionally only `when` an answer has a
         *     value).
         */
        CatalogItemRequest: {
            approval?: components["schemas"]["StepSpec"][];
            audienceTeams?: components["schemas"]["TeamId"][];
            category?: null | components["schemas"]["CategoryId"];
            description?: string;
            form: unknown;
            fulfilment?: components["schemas"]["FulfilmentPlan"];
            /** @description A short name of an icon, or an emoji. */
            icon?: string;
            name: string;
            /** Format: int32 */
            targetMinutes?: number | null;
        };
        /** @description How an item is configured: shown to catalogue managers only. */
        CatalogItemSetup: {
            approval: components["schemas"]["StepSpec"][];
            /** @description Teams whose members may request it; empty: everyone. */
            audienceTeams: components["schemas"]["TeamId"][];
            /** Format: date-time */
            createdAt: string;
            fulfilment: components["schemas"]["FulfilmentPlan"];
            /** Format: date-time */
            updatedAt: string;
        };
        CatalogItemStatusRequest: {
            status: components["schemas"]["ItemStatus"];
        };
        CatalogItemView: {
            category?: null | components["schemas"]["CategoryId"];
            /** @description Markdown. */
            description: string;
            /** @description The form new requests are raised with: a JSON Schema of the answers. */
            form: unknown;
            /** Format: int32 */
            formVersion: number;
            icon: string;
            id: components["schemas"]["CatalogItemId"];
            name: string;
            /** @description Whether a request waits for an approval first. */
            needsApproval: boolean;
            setup?: null | components["schemas"]["CatalogItemSetup"];
            status: components["schemas"]["ItemStatus"];
            /** Format: int32 */
            targetMinutes?: number | null;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
        };
        /** @description What someone may request, and the categories. */
        CatalogView: {
            categories: components["schemas"]["CategoryView"][];
            items: components["schemas"]["CatalogItemView"][];
        };
        /** @example cat_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        CategoryId: string;
        CategoryRequest: {
            description?: string | null;
            name?: string | null;
            /**
             * Format: int32
             * @description Categories are listed by position, then name.
             */
            position?: number | null;
        };
        CategoryView: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            id: components["schemas"]["CategoryId"];
            name: string;
            /** Format: int32 */
            position: number;
            /** Format: date-time */
            updatedAt: string;
        };
        CausedIncidentRequest: {
            description?: string;
            severity: components["schemas"]["Severity"];
            /** @description Default: "Caused by CHG-n: <its title>". */
            title?: string | null;
        };
        ChainVerification: {
            /**
             * Format: int64
             * @description Events verified before the first broken one (or all of them).
             */
            checked: number;
            firstBrokenEvent?: null | components["schemas"]["AuditEventId"];
            /** Format: int64 */
            firstBrokenSeq?: number | null;
            /** @description True when every event's hash and link to its predecessor check out. */
            valid: boolean;
        };
        /** @example chg_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        ChangeId: string;
        ChangeList: {
            data: components["schemas"]["ChangeView"][];
        };
        /**
         * @description An organisation's change settings: approval boards, risk rules and
         *     questionnaire, and how far back an incident looks for changes.
         */
        ChangePolicy: {
            /**
             * @description Steps an emergency change goes through (a smaller board); none:
             *     emergency changes need no approval.
             */
            emergencyApprovals: components["schemas"]["StepSpec"][];
            /** @description Steps a normal change goes through, in order. */
            normalApprovals: components["schemas"]["StepSpec"][];
            /**
             * Format: int32
             * @description How far back an incident's page looks for completed changes on its items.
             */
            recentChangeHours: number;
            /** @description The least risk of a change touching a configuration item of each criticality. */
            riskByCriticality: {
                [key: string]: components["schemas"]["Risk"];
            };
            /** @description The least risk of each type of change. */
            riskByType: {
                [key: string]: components["schemas"]["Risk"];
            };
            riskQuestions: components["schemas"]["RiskQuestion"][];
            riskThresholds: components["schemas"]["RiskThresholds"];
        };
        /** @enum {string} */
        ChangeStatus: "draft" | "submitted" | "awaiting_approval" | "approved" | "rejected" | "scheduled" | "implementing" | "completed" | "failed" | "cancelled" | "closed";
        /** @enum {string} */
        ChangeType: "standard" | "normal" | "emergency";
        ChangeView: {
            affectedItems: components["schemas"]["RecordSummaryView"][];
            approval?: null | components["schemas"]["ApprovalView"];
            approvalStatus?: null | components["schemas"]["ApprovalStatus"];
            backoutPlan: string;
            /** Format: date-time */
            completedAt?: string | null;
            /** @description Warnings: other changes holding overlapping windows on the same items. */
            conflicts: components["schemas"]["ConflictView"][];
            /** Format: date-time */
            createdAt: string;
            /** @description Markdown. */
            description: string;
            id: components["schemas"]["ChangeId"];
            implementationPlan: string;
            linkedIncidents: components["schemas"]["RecordSummaryView"][];
            /** @description `CHG-3`. */
            number: string;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            relatedProblems: components["schemas"]["RecordSummaryView"][];
            requestedBy: components["schemas"]["UserId"];
            /** @description The higher of the organisation's rules and its questionnaire. */
            risk: components["schemas"]["Risk"];
            /** @description Answers to the risk questionnaire, by question key. */
            riskAnswers: {
                [key: string]: string;
            };
            /** Format: int32 */
            riskScore: number;
            status: components["schemas"]["ChangeStatus"];
            testPlan: string;
            title: string;
            type: components["schemas"]["ChangeType"];
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
            window?: null | components["schemas"]["Window"];
        };
        /** @enum {string} */
        Channel: "email" | "sms" | "slack" | "pagerduty" | "webhook";
        CheckoutOption: {
            interval: components["schemas"]["Interval"];
            plan: components["schemas"]["Plan"];
        };
        CheckoutRequest: {
            interval: components["schemas"]["Interval"];
            plan: components["schemas"]["Plan"];
        };
        /** @enum {string} */
        CiStatus: "planned" | "active" | "maintenance" | "retired";
        /** @description One thing that happened to a clock. */
        ClockEvent: {
            /** Format: date-time */
            at: string;
            /** Format: int64 */
            target_seconds: number;
            /** @enum {string} */
            type: "started";
        } | {
            /** Format: date-time */
            at: string;
            reason: string;
            /** @enum {string} */
            type: "paused";
        } | {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            type: "resumed";
        } | {
            /** Format: date-time */
            at: string;
            reason: string;
            /** Format: int64 */
            target_seconds: number;
            /** @enum {string} */
            type: "target_changed";
        } | {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            type: "met";
        } | {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            type: "reopened";
        } | {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            type: "cancelled";
        };
        ClockList: {
            data: components["schemas"]["ClockView"][];
        };
        /** @enum {string} */
        ClockStatus: "running" | "paused" | "met" | "breached" | "cancelled";
        ClockView: {
            /** Format: date-time */
            breachedAt?: string | null;
            /** Format: date-time */
            dueAt?: string | null;
            /**
             * Format: int64
             * @description Business time counted.
             */
            elapsedSeconds: number;
            events: components["schemas"]["ClockEvent"][];
            /** @description How each figure came about, in words. */
            explanation: string[];
            id: components["schemas"]["SlaClockId"];
            metric: components["schemas"]["Metric"];
            /** Format: int64 */
            pausedSeconds: number;
            policy: components["schemas"]["SlaPolicyId"];
            policyName: string;
            /**
             * Format: int32
             * @description The policy's revision the clock started under (or was re-applied at).
             */
            policyRevision: number;
            /**
             * Format: int64
             * @description Business time left (negative once breached).
             */
            remainingSeconds: number;
            status: components["schemas"]["ClockStatus"];
            /** Format: int64 */
            targetSeconds: number;
            task?: null | components["schemas"]["RequestTaskId"];
            team?: null | components["schemas"]["TeamId"];
        };
        ComplianceView: {
            /** @description Breaches per day (UTC) since then, every day listed. */
            breachesByDay: components["schemas"]["DayBreaches"][];
            /** @description Per policy and metric, in the policies' order. */
            policies: components["schemas"]["PolicyCompliance"][];
            /** Format: date-time */
            since: string;
            /** @description Per team, over its tasks' clocks (OLAs). */
            teams: components["schemas"]["TeamCompliance"][];
        };
        /**
         * @description When a task is part of a request: an answer (by JSON pointer into the
         *     answers, `/laptop/model`) equals a value, or is one of several.
         */
        Condition: {
            answer: string;
            equals?: unknown;
            in?: unknown[] | null;
        };
        /** @example cfg_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        ConfigItemId: string;
        /** @description Another change holding an overlapping window on some of the same items. */
        ConflictView: {
            change: components["schemas"]["ChangeId"];
            /** @description The items both touch. */
            items: components["schemas"]["ConfigItemId"][];
            number: string;
            status: components["schemas"]["ChangeStatus"];
            title: string;
            window?: null | components["schemas"]["Window"];
        };
        CreateActionItemRequest: {
            /** Format: date */
            dueOn?: string | null;
            ownerId?: null | components["schemas"]["UserId"];
            title: string;
        };
        CreateArticleRequest: {
            body: string;
            ownerId?: null | components["schemas"]["UserId"];
            /** Format: date */
            reviewOn?: string | null;
            tags?: string[];
            title: string;
            visibility?: null | components["schemas"]["Visibility"];
        };
        CreateChangeRequest: {
            /** @description Configuration items it touches (`cfg_…`), linked in the same write. */
            affectedItems?: components["schemas"]["ConfigItemId"][];
            backoutPlan?: string;
            description?: string;
            implementationPlan?: string;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            /** @description Problems it resolves (`prb_…`), linked in the same write. */
            relatedProblems?: components["schemas"]["ProblemId"][];
            /** @description Answers to the organisation's risk questionnaire, by question key. */
            riskAnswers?: {
                [key: string]: string;
            };
            testPlan?: string;
            title: string;
            type: components["schemas"]["ChangeType"];
            window?: null | components["schemas"]["Window"];
        };
        CreatedToken: components["schemas"]["TokenView"] & {
            /** @description The secret: shown this once, never again. */
            secret: string;
        };
        CreateFreezeRequest: {
            /** @description Limit it to changes affecting these configuration items. */
            items?: components["schemas"]["ConfigItemId"][];
            name: string;
            window: components["schemas"]["Window"];
        };
        CreateIncidentRequest: {
            assignees?: components["schemas"]["UserId"][];
            commander?: null | components["schemas"]["UserId"];
            description?: string;
            labels?: string[];
            /**
             * @description Configuration items it affects (`cfg_…`; module assetManagement):
             *     a service among them that names an escalation policy pages through it.
             */
            services?: components["schemas"]["ConfigItemId"][];
            severity: components["schemas"]["Severity"];
            source?: null | components["schemas"]["Source"];
            team?: null | components["schemas"]["TeamId"];
            title: string;
        };
        CreateInviteRequest: {
            email: string;
            roles: components["schemas"]["Role"][];
        };
        CreateItemRequest: {
            attributes?: unknown;
            criticality?: null | components["schemas"]["Criticality"];
            description?: string;
            /** Format: uuid */
            escalationPolicy?: string | null;
            externalId?: string | null;
            labels?: string[];
            name: string;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            status?: null | components["schemas"]["CiStatus"];
            type: string;
        };
        CreateOrgRequest: {
            name: string;
            /** @description Lowercase letters, digits and hyphens, 3–40 characters. */
            slug: string;
        };
        CreateProblemRequest: {
            description?: string;
            /**
             * @description Incidents it causes (`inc_…`), linked in the same write: "create a
             *     problem from these incidents".
             */
            incidents?: components["schemas"]["IncidentId"][];
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            priority?: null | components["schemas"]["Priority"];
            rootCause?: string;
            symptom?: string;
            title: string;
            /**
             * @description With one, the problem starts as a known error, and the incidents it
             *     causes hear of it.
             */
            workaround?: string;
        };
        CreateRequestRequest: {
            /** @description Answers to the item's form. */
            answers?: unknown;
            /** @description A published catalogue item the caller may request. */
            item: components["schemas"]["CatalogItemId"];
        };
        CreateTeamRequest: {
            description?: string;
            lead?: null | components["schemas"]["UserId"];
            members?: components["schemas"]["UserId"][];
            name: string;
        };
        CreateTokenRequest: {
            /** Format: date-time */
            expiresAt?: string | null;
            name: string;
            scope: components["schemas"]["TokenScope"];
        };
        CreateWebhookRequest: {
            /**
             * @description Any of `incident.triggered`, `incident.escalated`,
             *     `incident.acknowledged`, `incident.resolved`, or `*`.
             */
            eventTypes: string[];
            url: string;
        };
        /** @enum {string} */
        Criticality: "low" | "medium" | "high" | "critical";
        DashboardView: {
            /** @description Active (not resolved) incidents now. */
            activeBySeverity: {
                [key: string]: number;
            };
            activeByStatus: {
                [key: string]: number;
            };
            /** @description Active incidents past their acknowledge or resolve target now. */
            breaching: components["schemas"]["BreachingIncident"][];
            bySeverity: {
                [key: string]: components["schemas"]["Figures"];
            };
            daily: components["schemas"]["DayFigures"][];
            /** Format: date */
            from: string;
            /**
             * @description Over the window: acknowledgements and resolutions are counted on the
             *     day they happened, openings on the day of creation.
             */
            overall: components["schemas"]["Figures"];
            /** Format: date */
            to: string;
        };
        DayBreaches: {
            /** Format: int64 */
            breaches: number;
            /** Format: date */
            day: string;
        };
        DayFigures: {
            /** Format: date */
            day: string;
            /** Format: double */
            mttrMeanSeconds?: number | null;
            /** Format: int64 */
            opened: number;
            /** Format: int64 */
            resolved: number;
        };
        /** @enum {string} */
        Decision: "approve" | "reject";
        DeliveryList: {
            data: components["schemas"]["DeliveryView"][];
        };
        /** @enum {string} */
        DeliveryStatus: "pending" | "delivered" | "dead" | "cancelled";
        DeliveryView: {
            attemptLog?: components["schemas"]["AttemptView"][];
            /** Format: int32 */
            attempts: number;
            channel: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt?: string | null;
            eventId: components["schemas"]["EventId"];
            id: string;
            incidentId?: null | components["schemas"]["IncidentId"];
            lastError?: string | null;
            /** Format: int32 */
            lastStatusCode?: number | null;
            /** Format: date-time */
            nextAttemptAt?: string | null;
            /** @description A member id, `org` (Slack, PagerDuty) or a webhook endpoint id. */
            recipient: string;
            status: components["schemas"]["DeliveryStatus"];
        };
        /** @description One line of a diff. */
        DiffLine: {
            /** @description `equal`, `insert` or `delete`. */
            op: string;
            text: string;
        };
        /** @enum {string} */
        Direction: "upstream" | "downstream";
        DocumentList: {
            data: components["schemas"]["DocumentView"][];
        };
        /**
         * @description `definition` is a schedule (`timeZone`, `layers`, `overrides`) or an
         *     escalation policy (`levels`, `repeat`, `severities`).
         */
        DocumentRequest: {
            definition: Record<string, never>;
            name: string;
        };
        /** @description A stored schedule or policy: its id, name and definition. */
        DocumentView: {
            /** Format: date-time */
            createdAt: string;
            definition: Record<string, never>;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @example evt_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        EventId: string;
        /** @description One day whose hours differ from the week's (empty spans: closed). */
        Exception: {
            /** Format: date */
            date: string;
            spans: components["schemas"]["SpanText"][];
        };
        ExternalLinkRequest: {
            /** @description Its key there (`OPS-12`, a sys_id); defaults to the URL. */
            key?: string | null;
            /** @description Where it lives: `jira`, `servicenow`, `github`, `url`, … */
            system: string;
            title?: string;
            /** @description An `https://` (or `http://`) link to it. */
            url: string;
        };
        ExternalLinks: {
            data: components["schemas"]["ExternalLinkView"][];
        };
        ExternalLinkView: {
            /** Format: date-time */
            createdAt: string;
            id: components["schemas"]["LinkId"];
            key: string;
            system: string;
            title: string;
            url: string;
        };
        FailureRateView: {
            /**
             * Format: int64
             * @description Of those, the ones an incident was caused by.
             */
            causedIncidents: number;
            /**
             * Format: int64
             * @description Changes completed or failed in the range.
             */
            finished: number;
            /** Format: date-time */
            from: string;
            /**
             * Format: double
             * @description `causedIncidents ÷ finished`; `null` when none finished.
             */
            rate?: number | null;
            /** Format: date-time */
            to: string;
        };
        /** @description One offending input field of a request. */
        FieldError: {
            detail: string;
            /** @description JSON path of the field, e.g. `slug` or `assignees[2]`. */
            field: string;
        };
        Figures: {
            /**
             * Format: double
             * @description Percentage of acknowledgements within the SLA target.
             */
            ackCompliancePct?: number | null;
            /** Format: int64 */
            acknowledged: number;
            /** Format: double */
            mttaMeanSeconds?: number | null;
            /**
             * Format: double
             * @description Percentiles are within ±4.9% of the exact value.
             */
            mttaP50Seconds?: number | null;
            /** Format: double */
            mttaP90Seconds?: number | null;
            /** Format: double */
            mttrMeanSeconds?: number | null;
            /** Format: double */
            mttrP50Seconds?: number | null;
            /** Format: double */
            mttrP90Seconds?: number | null;
            /** Format: int64 */
            opened: number;
            /**
             * Format: double
             * @description Percentage of resolutions within the SLA target.
             */
            resolveCompliancePct?: number | null;
            /** Format: int64 */
            resolved: number;
        };
        FollowUpsView: {
            /** @description Resolved P1 and P2 incidents whose postmortem is not published, newest first. */
            incidentsWithoutPostmortem: components["schemas"]["IncidentWithoutPostmortem"][];
            /** @description Open action items past their due date, soonest first. */
            overdueActionItems: components["schemas"]["OverdueActionItem"][];
        };
        /** @example frz_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        FreezeId: string;
        FreezeList: {
            data: components["schemas"]["FreezeView"][];
        };
        FreezeView: {
            /** Format: date-time */
            createdAt: string;
            createdBy: components["schemas"]["UserId"];
            id: components["schemas"]["FreezeId"];
            /** @description The configuration items it is limited to; empty: every change. */
            items: components["schemas"]["ConfigItemId"][];
            name: string;
            window: components["schemas"]["Window"];
        };
        /** @description How a request is fulfilled: stages in sequence, each of tasks in parallel. */
        FulfilmentPlan: {
            stages?: components["schemas"]["Stage"][];
        };
        HandoffRequest: {
            note?: string | null;
            /** @description The member taking over. */
            to: components["schemas"]["UserId"];
        };
        HealthStatus: {
            /** @description Always `ok` when the process answers. */
            status: string;
        };
        /** @description A day off: one date, or the same day every year. */
        Holiday: {
            /**
             * Format: date
             * @description `2026-12-24`, once.
             */
            date?: string | null;
            /** @description `12-25`, every year. */
            everyYear?: string | null;
            name: string;
        };
        ImpactNodeView: {
            /** Format: int32 */
            depth: number;
            item: components["schemas"]["ItemView"];
            /** @description A shortest path from the item asked about to this one, both included. */
            path: components["schemas"]["ConfigItemId"][];
        };
        ImpactView: {
            /** @description The nearest `limit` of them, by depth. */
            data: components["schemas"]["ImpactNodeView"][];
            /** Format: int32 */
            depth: number;
            direction: components["schemas"]["Direction"];
            /** @description Every item reached, listed or not. */
            total: number;
        };
        ImportReport: {
            /** Format: int64 */
            created: number;
            dryRun: boolean;
            invalid: components["schemas"]["InvalidRowView"][];
            /** Format: int64 */
            relationshipsCreated: number;
            /** Format: int64 */
            rows: number;
            /** Format: int64 */
            unchanged: number;
            /** Format: int64 */
            updated: number;
            /** @description Whether anything was written. */
            written: boolean;
        };
        /** @example inc_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        IncidentId: string;
        /** @enum {string} */
        IncidentStatus: "open" | "acknowledged" | "investigating" | "resolved";
        IncidentView: {
            /** Format: date-time */
            acknowledgedAt?: string | null;
            /**
             * Format: date-time
             * @description Acknowledge by this time to meet the SLA target.
             */
            acknowledgeDueAt: string;
            assignees: components["schemas"]["UserId"][];
            commander?: null | components["schemas"]["UserId"];
            /** Format: date-time */
            createdAt: string;
            createdBy: components["schemas"]["UserId"];
            /** @description Markdown. */
            description: string;
            id: components["schemas"]["IncidentId"];
            labels: string[];
            /** Format: int64 */
            number: number;
            /** @description `INC-42`. */
            reference: string;
            /** Format: date-time */
            resolvedAt?: string | null;
            /**
             * Format: date-time
             * @description Resolve by this time to meet the SLA target.
             */
            resolveDueAt: string;
            severity: components["schemas"]["Severity"];
            source: components["schemas"]["Source"];
            status: components["schemas"]["IncidentStatus"];
            team?: null | components["schemas"]["TeamId"];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
        };
        IncidentWithoutPostmortem: {
            id: components["schemas"]["IncidentId"];
            number: string;
            /** Format: date-time */
            resolvedAt?: string | null;
            severity: components["schemas"]["Severity"];
            title: string;
        };
        IntegrationList: {
            data: components["schemas"]["IntegrationView"][];
        };
        IntegrationView: {
            channel: components["schemas"]["Channel"];
            configured: boolean;
            /** Format: date-time */
            updatedAt?: string | null;
        };
        /** @enum {string} */
        Interval: "month" | "year";
        InvalidRowView: {
            detail: string;
            /** @description The field at fault: a column, or a path in `attributes` (`/attributes/os`). */
            field: string;
            /**
             * Format: int64
             * @description The row's line (1 is the header; a JSON array's first row is 2).
             */
            line: number;
        };
        /** @example inv_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        InviteId: string;
        InviteList: {
            data: components["schemas"]["InviteView"][];
        };
        InvitePreview: {
            /** @description Whether an account with the invited email exists (then sign in to accept). */
            accountExists: boolean;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            orgName: string;
            roles: components["schemas"]["Role"][];
        };
        /**
         * @description An invitation's secret, sent in the body: a path segment would reach
         *     request logs and proxies' logs.
         */
        InviteTokenRequest: {
            /** @description The token from the emailed link (`/invite/{token}`). */
            token: string;
        };
        InviteView: {
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            id: components["schemas"]["InviteId"];
            invitedBy: components["schemas"]["UserId"];
            roles: components["schemas"]["Role"][];
        };
        /** @enum {string} */
        InvoiceOutcome: "paid" | "payment_failed";
        ItemRecordsView: {
            /** @description Changes not yet closed: recent, under way and upcoming. */
            changes: components["schemas"]["RecordSummaryView"][];
            /** @description Open incidents on the item or on what it depends on. */
            incidents: components["schemas"]["RecordSummaryView"][];
            /** @description Problems not yet resolved. */
            problems: components["schemas"]["RecordSummaryView"][];
        };
        /** @enum {string} */
        ItemStatus: "draft" | "published" | "retired";
        ItemTypeList: {
            data: components["schemas"]["ItemTypeView"][];
        };
        ItemTypeView: {
            builtIn: boolean;
            key: string;
            name: string;
            /** @description JSON Schema of its items' attributes; `{}` accepts anything. */
            schema: unknown;
            /** Format: date-time */
            updatedAt?: string | null;
        };
        ItemView: {
            /** @description Checked against the type's attribute schema. */
            attributes: unknown;
            /** Format: date-time */
            createdAt: string;
            criticality: components["schemas"]["Criticality"];
            description: string;
            /**
             * Format: uuid
             * @description Services: the escalation policy an incident on them pages through.
             */
            escalationPolicy?: string | null;
            externalId?: string | null;
            id: components["schemas"]["ConfigItemId"];
            labels: string[];
            name: string;
            /** @description `CI-7`. */
            number: string;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            status: components["schemas"]["CiStatus"];
            /**
             * @description `service`, `application`, `server`, `database`, `network`, `other`,
             *     or one of the organisation's own types.
             */
            type: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
        };
        KbSettings: {
            /**
             * @description The sections a new postmortem starts with, in order; a `required`
             *     one must be written before it is published.
             */
            postmortemTemplate: components["schemas"]["Section"][];
            review?: null | components["schemas"]["StepSpec"];
        };
        /** @example lnk_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        LinkId: string;
        /** @enum {string} */
        LinkRelation: "caused_by" | "related" | "resolves" | "affects" | "duplicates";
        LinkRequest: {
            relation: components["schemas"]["LinkRelation"];
            /** @description The other record's id: `inc_…`, `kba_…`, … */
            to: components["schemas"]["RecordRef"];
        };
        Links: {
            data: components["schemas"]["LinkView"][];
        };
        LinkView: {
            /** Format: date-time */
            createdAt: string;
            createdBy?: null | components["schemas"]["UserId"];
            id: components["schemas"]["LinkId"];
            /** @description Whether this record is the link's `from`. */
            outgoing: boolean;
            record: components["schemas"]["RecordSummaryView"];
            /**
             * @description The relation read from this record: `caused_by`, or from the other
             *     end `causes`; `related`; `resolves` / `resolved_by`; `affects` /
             *     `affected_by`; `duplicates` / `duplicated_by`.
             */
            relation: string;
        };
        LoginRequest: {
            email: string;
            password: string;
        };
        MemberList: {
            data: components["schemas"]["MemberView"][];
        };
        MembershipView: {
            name: string;
            orgId: components["schemas"]["OrgId"];
            roles: components["schemas"]["Role"][];
            slug: string;
        };
        MemberView: {
            email: string;
            /** Format: date-time */
            joinedAt: string;
            name: string;
            roles: components["schemas"]["Role"][];
            userId: components["schemas"]["UserId"];
        };
        /** @enum {string} */
        Metric: "response" | "resolution";
        MeView: {
            memberships: components["schemas"]["MembershipView"][];
            user: components["schemas"]["UserView"];
        };
        /** @enum {string} */
        Module: "incidentManagement" | "problemManagement" | "changeManagement" | "requestFulfillment" | "serviceCatalog" | "knowledgeBase" | "assetManagement" | "slaManagement";
        NoteRequest: {
            /** @description Markdown. */
            text: string;
        };
        OnCallView: {
            /** Format: date-time */
            at: string;
            user?: null | components["schemas"]["UserId"];
        };
        /** @example org_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        OrgId: string;
        OrgView: {
            /** Format: date-time */
            createdAt: string;
            /** @description Every module, with whether it is switched on. */
            features: {
                [key: string]: boolean;
            };
            id: components["schemas"]["OrgId"];
            limits: components["schemas"]["PlanLimits"];
            name: string;
            plan: components["schemas"]["Plan"];
            /**
             * @description People with a confirmed address at this domain may join the portal
             *     as requesters by themselves; `null`: by invitation only.
             */
            requesterDomain?: string | null;
            slug: string;
        };
        /** @description Clocks by outcome, and the share met in time. */
        OutcomeView: {
            /** Format: int64 */
            breached: number;
            /** Format: int64 */
            met: number;
            /**
             * Format: int64
             * @description Still counting or paused, not yet breached.
             */
            open: number;
            /**
             * Format: double
             * @description Met in time, in % of those met or breached; null before any is.
             */
            percentMet?: number | null;
        };
        OverdueActionItem: {
            /** @description The postmortem's number (`KB-4`) and title. */
            articleNumber: string;
            articleTitle: string;
            item: components["schemas"]["ActionItemView"];
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_ArticleView: {
            data: {
                authorId: components["schemas"]["UserId"];
                /** @description Markdown. */
                body: string;
                /** Format: date-time */
                createdAt: string;
                id: components["schemas"]["ArticleId"];
                incidentId?: null | components["schemas"]["IncidentId"];
                kind: components["schemas"]["ArticleKind"];
                /** @description `KB-7`. */
                number: string;
                ownerId?: null | components["schemas"]["UserId"];
                /**
                 * Format: int32
                 * @description The revision readers see (older published ones are `outdated`).
                 */
                publishedRevision?: number | null;
                /**
                 * Format: date
                 * @description Due for review on this day.
                 */
                reviewOn?: string | null;
                /**
                 * Format: int32
                 * @description The revision of `title` and `body`.
                 */
                revision: number;
                /** @description Past its review date. */
                stale: boolean;
                status: components["schemas"]["ArticleStatus"];
                tags: string[];
                title: string;
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
                visibility: components["schemas"]["Visibility"];
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_ChangeView: {
            data: {
                affectedItems: components["schemas"]["RecordSummaryView"][];
                approval?: null | components["schemas"]["ApprovalView"];
                approvalStatus?: null | components["schemas"]["ApprovalStatus"];
                backoutPlan: string;
                /** Format: date-time */
                completedAt?: string | null;
                /** @description Warnings: other changes holding overlapping windows on the same items. */
                conflicts: components["schemas"]["ConflictView"][];
                /** Format: date-time */
                createdAt: string;
                /** @description Markdown. */
                description: string;
                id: components["schemas"]["ChangeId"];
                implementationPlan: string;
                linkedIncidents: components["schemas"]["RecordSummaryView"][];
                /** @description `CHG-3`. */
                number: string;
                owner?: null | components["schemas"]["UserId"];
                ownerTeam?: null | components["schemas"]["TeamId"];
                relatedProblems: components["schemas"]["RecordSummaryView"][];
                requestedBy: components["schemas"]["UserId"];
                /** @description The higher of the organisation's rules and its questionnaire. */
                risk: components["schemas"]["Risk"];
                /** @description Answers to the risk questionnaire, by question key. */
                riskAnswers: {
                    [key: string]: string;
                };
                /** Format: int32 */
                riskScore: number;
                status: components["schemas"]["ChangeStatus"];
                testPlan: string;
                title: string;
                type: components["schemas"]["ChangeType"];
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
                window?: null | components["schemas"]["Window"];
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_IncidentView: {
            data: {
                /** Format: date-time */
                acknowledgedAt?: string | null;
                /**
                 * Format: date-time
                 * @description Acknowledge by this time to meet the SLA target.
                 */
                acknowledgeDueAt: string;
                assignees: components["schemas"]["UserId"][];
                commander?: null | components["schemas"]["UserId"];
                /** Format: date-time */
                createdAt: string;
                createdBy: components["schemas"]["UserId"];
                /** @description Markdown. */
                description: string;
                id: components["schemas"]["IncidentId"];
                labels: string[];
                /** Format: int64 */
                number: number;
                /** @description `INC-42`. */
                reference: string;
                /** Format: date-time */
                resolvedAt?: string | null;
                /**
                 * Format: date-time
                 * @description Resolve by this time to meet the SLA target.
                 */
                resolveDueAt: string;
                severity: components["schemas"]["Severity"];
                source: components["schemas"]["Source"];
                status: components["schemas"]["IncidentStatus"];
                team?: null | components["schemas"]["TeamId"];
                title: string;
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_ItemView: {
            data: {
                /** @description Checked against the type's attribute schema. */
                attributes: unknown;
                /** Format: date-time */
                createdAt: string;
                criticality: components["schemas"]["Criticality"];
                description: string;
                /**
                 * Format: uuid
                 * @description Services: the escalation policy an incident on them pages through.
                 */
                escalationPolicy?: string | null;
                externalId?: string | null;
                id: components["schemas"]["ConfigItemId"];
                labels: string[];
                name: string;
                /** @description `CI-7`. */
                number: string;
                owner?: null | components["schemas"]["UserId"];
                ownerTeam?: null | components["schemas"]["TeamId"];
                status: components["schemas"]["CiStatus"];
                /**
                 * @description `service`, `application`, `server`, `database`, `network`, `other`,
                 *     or one of the organisation's own types.
                 */
                type: string;
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_ProblemView: {
            data: {
                /** Format: date-time */
                createdAt: string;
                createdBy: components["schemas"]["UserId"];
                /** @description Markdown. */
                description: string;
                id: components["schemas"]["ProblemId"];
                knownError: boolean;
                /** @description The incidents it causes. */
                linkedIncidents: components["schemas"]["RecordSummaryView"][];
                /** @description `PRB-3`. */
                number: string;
                owner?: null | components["schemas"]["UserId"];
                ownerTeam?: null | components["schemas"]["TeamId"];
                priority: components["schemas"]["Priority"];
                relatedChanges: components["schemas"]["RecordSummaryView"][];
                /** Format: date-time */
                resolvedAt?: string | null;
                rootCause: string;
                status: components["schemas"]["ProblemStatus"];
                /** @description What people see when it strikes (searched with the title and workaround). */
                symptom: string;
                title: string;
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
                /** @description How to get by until it is fixed; a problem with one is a known error. */
                workaround: string;
                /** Format: date-time */
                workaroundPublishedAt?: string | null;
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @description A list's page: its items, and where the next page starts. */
        Page_RequestView: {
            data: {
                answers: unknown;
                approval?: null | components["schemas"]["ApprovalView"];
                /** Format: date-time */
                closedAt?: string | null;
                /** Format: date-time */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description When it should be fulfilled by (the item's target time).
                 */
                dueAt?: string | null;
                /** @description The form it was raised with (a JSON Schema), and its version. */
                form: unknown;
                /** Format: int32 */
                formVersion: number;
                id: components["schemas"]["RequestId"];
                item: components["schemas"]["CatalogItemId"];
                /** @description `REQ-3`. */
                number: string;
                requestedBy: components["schemas"]["UserId"];
                status: components["schemas"]["RequestStatus"];
                /** @description Its fulfilment tasks, stage by stage. */
                tasks: components["schemas"]["TaskView"][];
                /** @description The item's name when it was raised. */
                title: string;
                /** Format: date-time */
                updatedAt: string;
                /**
                 * Format: int32
                 * @description Send as `If-Match` (also in the `ETag` header) when changing it.
                 */
                version: number;
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string | null;
        };
        /** @enum {string} */
        Plan: "free" | "pro" | "enterprise";
        /** @description What a plan allows, in one place. */
        PlanLimits: {
            modules: components["schemas"]["Module"][];
            /**
             * Format: int32
             * @description Members (seats) the organisation may have; `None` means unlimited.
             */
            seats?: number | null;
        };
        /** @description One task of a fulfilment plan, for a team. */
        PlanTask: {
            name: string;
            team: components["schemas"]["TeamId"];
            when?: null | components["schemas"]["Condition"];
        };
        PolicyCompliance: components["schemas"]["OutcomeView"] & {
            metric: components["schemas"]["Metric"];
            policy: components["schemas"]["SlaPolicyId"];
            policyName: string;
        };
        PolicyList: {
            data: components["schemas"]["PolicyView"][];
        };
        /** @description A policy as written. */
        PolicySpec: {
            appliesTo: components["schemas"]["AppliesTo"];
            calendar?: null | components["schemas"]["CalendarId"];
            enabled?: boolean;
            name: string;
            /** @description Statuses that pause its clocks: `waiting_on_requester`. */
            pauseStatuses?: string[];
            /**
             * @description Targets by priority: `P1`…`P4` for incidents; `default` for
             *     anything without its own (and for requests).
             */
            targets: {
                [key: string]: components["schemas"]["Targets"];
            };
            /** @description Warnings before a breach, in % of the target (`[75, 90]`). */
            warnings?: number[];
        };
        /** @enum {string} */
        PolicySubject: "incident" | "request" | "task";
        PolicyView: components["schemas"]["PolicySpec"] & {
            /** Format: date-time */
            createdAt: string;
            id: components["schemas"]["SlaPolicyId"];
            /**
             * @description The default policy: tried after every other; its targets are the
             *     ones incidents are judged by on the dashboard (`…/sla-targets`).
             */
            isDefault: boolean;
            /**
             * Format: int32
             * @description Policies are tried in this order; the first enabled one that matches applies.
             */
            position: number;
            /**
             * Format: int32
             * @description Bumped by every edit; clocks show the revision they started under.
             */
            revision: number;
            /** Format: date-time */
            updatedAt: string;
            /** Format: int32 */
            version: number;
        };
        PortalRequest: Record<string, never>;
        /** @enum {string} */
        Priority: "P1" | "P2" | "P3" | "P4";
        /** @description An RFC 9457 problem document. */
        Problem: {
            detail: string;
            /** @description For validation problems: each offending field. */
            errors?: components["schemas"]["FieldError"][];
            /** @description For plan problems: the cheapest plan that unlocks the request. */
            requiredPlan?: string | null;
            /** Format: int32 */
            status: number;
            title: string;
            type: string;
        };
        /** @example prb_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        ProblemId: string;
        /** @enum {string} */
        ProblemStatus: "identified" | "investigating" | "known_error" | "resolved" | "closed";
        ProblemView: {
            /** Format: date-time */
            createdAt: string;
            createdBy: components["schemas"]["UserId"];
            /** @description Markdown. */
            description: string;
            id: components["schemas"]["ProblemId"];
            knownError: boolean;
            /** @description The incidents it causes. */
            linkedIncidents: components["schemas"]["RecordSummaryView"][];
            /** @description `PRB-3`. */
            number: string;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            priority: components["schemas"]["Priority"];
            relatedChanges: components["schemas"]["RecordSummaryView"][];
            /** Format: date-time */
            resolvedAt?: string | null;
            rootCause: string;
            status: components["schemas"]["ProblemStatus"];
            /** @description What people see when it strikes (searched with the title and workaround). */
            symptom: string;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
            /** @description How to get by until it is fixed; a problem with one is a known error. */
            workaround: string;
            /** Format: date-time */
            workaroundPublishedAt?: string | null;
        };
        PromoteRequest: {
            to: components["schemas"]["PromoteTo"];
        };
        /**
         * @description What an action item becomes.
         * @enum {string}
         */
        PromoteTo: "problem" | "change";
        PutItemTypeRequest: {
            name: string;
            /** @description JSON Schema of the attributes (draft 2020-12 by default). */
            schema: unknown;
        };
        QueuedTaskView: components["schemas"]["TaskView"] & {
            /** @description `REQ-3`. */
            requestNumber: string;
            requestTitle: string;
        };
        ReadyStatus: {
            /** @description `sqlite` or `postgres`. */
            database: string;
            status: string;
        };
        Reapplied: {
            /** @description Running clocks that took the policy's current targets. */
            clocks: number;
        };
        /** @enum {string} */
        RecordKind: "incident" | "problem" | "change" | "request" | "article" | "configurationItem";
        /** @example inc_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        RecordRef: string;
        /** @description A record as another record's page shows it. */
        RecordSummaryView: {
            id: components["schemas"]["RecordRef"];
            kind: components["schemas"]["RecordKind"];
            /** @description `INC-42`, `KB-7`. */
            number: string;
            status: string;
            title: string;
        };
        /** @description Where to send the browser next. */
        RedirectView: {
            url: string;
        };
        RelateRequest: {
            /** @description `depends_on`, `runs_on`, `connects_to`, or one of the organisation's relations. */
            relation: string;
            /** @description The other item (`cfg_…`). */
            to: components["schemas"]["ConfigItemId"];
        };
        RelationshipList: {
            data: components["schemas"]["RelationshipView"][];
        };
        RelationshipView: {
            /** Format: date-time */
            createdAt: string;
            id: components["schemas"]["LinkId"];
            item: components["schemas"]["ConfigItemId"];
            name: string;
            number: string;
            /** @description Whether this item is the relationship's `from`. */
            outgoing: boolean;
            /** @description Read from this item: `depends_on`, or from the other end `used_by`. */
            relation: string;
            type: string;
        };
        /** @description A relation an organisation defined beyond the built-in ones. */
        RelationType: {
            /** @description How it reads from the other end (`depends_on` reads `used_by`). */
            inverse: string;
            key: string;
        };
        RelationTypeList: {
            data: components["schemas"]["RelationType"][];
        };
        RequesterSignupRequest: {
            /**
             * @description An email domain (`example.com`) — your own confirmed address's, as
             *     the proof that the organisation owns it; `null` to stop.
             */
            domain?: string | null;
        };
        /** @example req_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        RequestId: string;
        /** @enum {string} */
        RequestStatus: "submitted" | "awaiting_approval" | "approved" | "rejected" | "in_progress" | "fulfilled" | "cancelled";
        RequestStatusRequest: {
            /**
             * @description `cancelled` (its requester, or an agent), or `fulfilled` (an agent,
             *     once no task is left to do).
             */
            status: "submitted" | "awaiting_approval" | "approved" | "rejected" | "in_progress" | "fulfilled" | "cancelled";
        };
        /** @example rqt_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        RequestTaskId: string;
        RequestView: {
            answers: unknown;
            approval?: null | components["schemas"]["ApprovalView"];
            /** Format: date-time */
            closedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it should be fulfilled by (the item's target time).
             */
            dueAt?: string | null;
            /** @description The form it was raised with (a JSON Schema), and its version. */
            form: unknown;
            /** Format: int32 */
            formVersion: number;
            id: components["schemas"]["RequestId"];
            item: components["schemas"]["CatalogItemId"];
            /** @description `REQ-3`. */
            number: string;
            requestedBy: components["schemas"]["UserId"];
            status: components["schemas"]["RequestStatus"];
            /** @description Its fulfilment tasks, stage by stage. */
            tasks: components["schemas"]["TaskView"][];
            /** @description The item's name when it was raised. */
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
        };
        ResetPasswordRequest: {
            password: string;
            token: string;
        };
        ResetRequest: {
            email: string;
        };
        RevisionDiff: {
            body: components["schemas"]["DiffLine"][];
            /** Format: int32 */
            from: number;
            title: components["schemas"]["DiffLine"][];
            /** Format: int32 */
            to: number;
        };
        RevisionList: {
            data: components["schemas"]["RevisionView"][];
        };
        /** @enum {string} */
        RevisionState: "published" | "outdated" | "draft";
        RevisionView: {
            authorId: components["schemas"]["UserId"];
            /** @description Markdown; absent in the list. */
            body?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            publishedAt?: string | null;
            /** Format: int32 */
            revision: number;
            state: components["schemas"]["RevisionState"];
            summary: string;
            title: string;
        };
        /** @enum {string} */
        Risk: "low" | "medium" | "high";
        RiskAnswer: {
            key: string;
            text: string;
            /**
             * Format: int32
             * @description Added to the score when chosen.
             */
            weight: number;
        };
        /** @description One question of an organisation's risk questionnaire. */
        RiskQuestion: {
            answers: components["schemas"]["RiskAnswer"][];
            /** @description Its key in a change's `riskAnswers`. */
            key: string;
            text: string;
        };
        /** @description Scores from which the questionnaire says medium, high. */
        RiskThresholds: {
            /** Format: int32 */
            high: number;
            /** Format: int32 */
            medium: number;
        };
        /** @enum {string} */
        Role: "admin" | "member" | "oncall" | "requester";
        /** @enum {string} */
        RuleKind: "any" | "all" | "count" | "percent";
        /** @enum {string} */
        SearchKind: "article" | "known_error" | "incident";
        SearchResult: {
            /** @description `kba_…`, `prb_…` or `inc_…`. */
            id: string;
            kind: components["schemas"]["SearchKind"];
            /** @description `KB-7`, `PRB-3`, `INC-12`. */
            number: string;
            /**
             * Format: double
             * @description Higher is better; comparable within one answer only.
             */
            rank: number;
            snippet: components["schemas"]["SnippetPiece"][];
            title: string;
        };
        SearchResults: {
            data: components["schemas"]["SearchResult"][];
        };
        Seats: {
            /**
             * Format: int32
             * @description `null`: unlimited.
             */
            allowed?: number | null;
            /** Format: int64 */
            used: number;
        };
        /** @description One heading of a postmortem. */
        Section: {
            /** @description Publishing with it empty is refused. */
            required?: boolean;
            title: string;
        };
        /** @enum {string} */
        Severity: "P1" | "P2" | "P3" | "P4";
        /** @description Shifts: `user`, `startsAt`, `endsAt`, `source` (`{"type": "layer", "index": 0}` or `{"type": "override"}`). */
        ShiftList: {
            data: Record<string, never>[];
        };
        SignupRequest: {
            email: string;
            name: string;
            password: string;
        };
        /** @example clk_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        SlaClockId: string;
        /** @example slp_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        SlaPolicyId: string;
        /** @description A piece of a snippet: matched words are `match`. */
        SnippetPiece: {
            match: boolean;
            text: string;
        };
        /** @enum {string} */
        Source: "ui" | "api" | "email" | "webhook";
        /** @description A span as written: `{"from": "09:00", "to": "17:30"}`; `"24:00"` ends the day. */
        SpanText: {
            from: string;
            to: string;
        };
        /** @description Tasks that run in parallel; the next stage opens when they are all done. */
        Stage: {
            tasks: components["schemas"]["PlanTask"][];
        };
        StatusRequest: {
            /**
             * @description `scheduled` (needs a window, outside any freeze unless an
             *     emergency), `implementing`, `completed`, `failed`, `cancelled`,
             *     `closed`, or `draft` (a rejected change, for rework).
             */
            status: components["schemas"]["ChangeStatus"];
        };
        /** @description One step of an approval, as configured. */
        StepSpec: {
            approvers: components["schemas"]["Approvers"];
            /**
             * Format: int32
             * @description With `rule: count`: approvals needed.
             */
            count?: number | null;
            name: string;
            /**
             * Format: int32
             * @description With `rule: percent`: the share of approvers needed, 1–100.
             */
            percent?: number | null;
            rule: components["schemas"]["RuleKind"];
        };
        StepView: {
            approvers: components["schemas"]["UserId"][];
            /** Format: date-time */
            decidedAt?: string | null;
            name: string;
            /**
             * Format: int32
             * @description Approvals needed, among `approvers` (the requester never approves).
             */
            needed: number;
            rule: components["schemas"]["RuleKind"];
            /**
             * Format: int32
             * @description The `count` or `percent` of the rule.
             */
            ruleValue?: number | null;
            status: components["schemas"]["ApprovalStatus"];
            votes: components["schemas"]["VoteView"][];
        };
        /** @enum {string} */
        SubscriptionStatus: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
        SweepReport: {
            deliveriesQueued: number;
            escalationsQueued: number;
            /** Format: int64 */
            eventsPruned: number;
            eventsRelayed: number;
            /** Format: int64 */
            idempotencyKeysPruned: number;
            /** @description SLA warnings and breaches delivered (as events). */
            slaAlerts: number;
        };
        /** @description Minutes allowed, per metric; `None`: not measured. */
        Targets: {
            /** Format: int32 */
            resolutionMinutes?: number | null;
            /** Format: int32 */
            responseMinutes?: number | null;
        };
        TargetView: {
            /** Format: int64 */
            acknowledgeSeconds: number;
            /** Format: int64 */
            resolveSeconds: number;
        };
        TaskQueue: {
            data: components["schemas"]["QueuedTaskView"][];
        };
        TaskRequest: {
            assignee?: null | components["schemas"]["UserId"];
            /** @description `open`, `in_progress`, `waiting_on_requester` or `done`. */
            status?: null | ("pending" | "open" | "in_progress" | "waiting_on_requester" | "done" | "skipped" | "cancelled");
        };
        /** @enum {string} */
        TaskStatus: "pending" | "open" | "in_progress" | "waiting_on_requester" | "done" | "skipped" | "cancelled";
        TaskView: {
            assignee?: null | components["schemas"]["UserId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            doneAt?: string | null;
            id: components["schemas"]["RequestTaskId"];
            name: string;
            request: components["schemas"]["RequestId"];
            /**
             * Format: int32
             * @description Stages run in sequence (from 0); the tasks of one in parallel.
             */
            stage: number;
            status: components["schemas"]["TaskStatus"];
            team: components["schemas"]["TeamId"];
            /** Format: date-time */
            updatedAt: string;
            /** Format: int32 */
            version: number;
        };
        TeamCompliance: components["schemas"]["OutcomeView"] & {
            team: components["schemas"]["TeamId"];
            teamName: string;
        };
        /** @example tea_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        TeamId: string;
        TeamList: {
            data: components["schemas"]["TeamView"][];
        };
        TeamView: {
            /** Format: date-time */
            createdAt: string;
            /** @description Markdown. */
            description: string;
            id: components["schemas"]["TeamId"];
            lead?: null | components["schemas"]["UserId"];
            members: components["schemas"]["UserId"][];
            name: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int32
             * @description Send as `If-Match` (also in the `ETag` header) when changing it.
             */
            version: number;
        };
        TestResult: {
            delivered: boolean;
            detail: string;
            /** Format: int32 */
            statusCode?: number | null;
        };
        Timeline: {
            data: components["schemas"]["TimelineEntryView"][];
        };
        /** @example tle_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        TimelineEntryId: string;
        TimelineEntryView: {
            /** @description Who acted, as they were known then (kept if they leave). */
            actor: string;
            actorId?: null | components["schemas"]["UserId"];
            body: string;
            /** Format: date-time */
            createdAt: string;
            detail: unknown;
            id: components["schemas"]["TimelineEntryId"];
            kind: components["schemas"]["TimelineKind"];
        };
        /** @enum {string} */
        TimelineKind: "note" | "status_change" | "severity_change" | "assignment" | "label_change" | "handoff" | "notification" | "escalation" | "link" | "edit" | "workaround" | "approval" | "task";
        /** @example tok_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        TokenId: string;
        TokenList: {
            data: components["schemas"]["TokenView"][];
        };
        /** @enum {string} */
        TokenScope: "read-only" | "read-write";
        TokenView: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt?: string | null;
            id: components["schemas"]["TokenId"];
            /** Format: date-time */
            lastUsedAt?: string | null;
            name: string;
            scope: components["schemas"]["TokenScope"];
        };
        UpdateActionItemRequest: {
            /**
             * Format: date
             * @description `null` clears it.
             */
            dueOn?: string | null;
            ownerId?: null | components["schemas"]["UserId"];
            status?: null | components["schemas"]["ActionItemStatus"];
            title?: string | null;
        };
        UpdateArticleRequest: {
            body?: string | null;
            ownerId?: null | components["schemas"]["UserId"];
            /**
             * Format: date
             * @description `null` clears it.
             */
            reviewOn?: string | null;
            /** @description What this save changed, kept with its revision. */
            summary?: string | null;
            tags?: string[] | null;
            title?: string | null;
            visibility?: null | components["schemas"]["Visibility"];
        };
        UpdateChangeRequest: {
            backoutPlan?: string | null;
            description?: string | null;
            implementationPlan?: string | null;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            riskAnswers?: {
                [key: string]: string;
            } | null;
            testPlan?: string | null;
            title?: string | null;
            type?: null | components["schemas"]["ChangeType"];
            window?: null | components["schemas"]["Window"];
        };
        UpdateIncidentRequest: {
            assignees?: components["schemas"]["UserId"][] | null;
            commander?: null | components["schemas"]["UserId"];
            description?: string | null;
            labels?: string[] | null;
            severity?: null | components["schemas"]["Severity"];
            status?: null | components["schemas"]["IncidentStatus"];
            team?: null | components["schemas"]["TeamId"];
            title?: string | null;
        };
        UpdateItemRequest: {
            attributes?: unknown;
            criticality?: null | components["schemas"]["Criticality"];
            description?: string | null;
            /** Format: uuid */
            escalationPolicy?: string | null;
            externalId?: string | null;
            labels?: string[] | null;
            name?: string | null;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            status?: null | components["schemas"]["CiStatus"];
            type?: string | null;
        };
        UpdateMemberRequest: {
            roles: components["schemas"]["Role"][];
        };
        UpdateProblemRequest: {
            description?: string | null;
            owner?: null | components["schemas"]["UserId"];
            ownerTeam?: null | components["schemas"]["TeamId"];
            priority?: null | components["schemas"]["Priority"];
            rootCause?: string | null;
            status?: null | components["schemas"]["ProblemStatus"];
            symptom?: string | null;
            title?: string | null;
            /** @description A new workaround is published to the open incidents the problem causes. */
            workaround?: string | null;
        };
        UpdateTeamRequest: {
            description?: string | null;
            lead?: null | components["schemas"]["UserId"];
            /** @description The whole membership (the lead is always among it). */
            members?: components["schemas"]["UserId"][] | null;
            name?: string | null;
        };
        /** @example usr_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e */
        UserId: string;
        UserView: {
            email: string;
            emailVerified: boolean;
            id: components["schemas"]["UserId"];
            name: string;
        };
        VerifyEmailRequest: {
            token: string;
        };
        /** @enum {string} */
        Visibility: "internal" | "portal";
        /** @description A vote on the current step of a record's approval. */
        VoteRequest: {
            /** @description Markdown, at most 4 KiB. */
            comment?: string;
            decision: components["schemas"]["Decision"];
        };
        VoteView: {
            comment: string;
            /** Format: date-time */
            createdAt: string;
            decision: components["schemas"]["Decision"];
            user: components["schemas"]["UserId"];
        };
        WebhookList: {
            data: components["schemas"]["WebhookView"][];
        };
        WebhookReceipt: {
            /** @description The event was processed before and changed nothing now. */
            duplicate: boolean;
            received: boolean;
        };
        WebhookView: {
            /** Format: date-time */
            createdAt: string;
            eventTypes: string[];
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description Until when the previous secret still signs (after a rotation).
             */
            previousSecretValidUntil?: string | null;
            /** @description Shown once: on creation and rotation. */
            secret?: string | null;
            url: string;
        };
        /** @description The week's hours, one list of spans per day. */
        Week: {
            friday?: components["schemas"]["SpanText"][];
            monday?: components["schemas"]["SpanText"][];
            saturday?: components["schemas"]["SpanText"][];
            sunday?: components["schemas"]["SpanText"][];
            thursday?: components["schemas"]["SpanText"][];
            tuesday?: components["schemas"]["SpanText"][];
            wednesday?: components["schemas"]["SpanText"][];
        };
        /** @description When a change is planned to happen. */
        Window: {
            /** Format: date-time */
            end: string;
            /** Format: date-time */
            start: string;
        };
        WritePostmortemRequest: {
            /** @description The incident: `inc_…`, `7` or `INC-7`. */
            incident: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    logout_all: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    reset_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupRequest"];
            };
        };
        responses: {
            /** @description Signed up, or the address's owner was told; sign in next */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verify_email: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyEmailRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_verification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    sweep: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SweepReport"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    accept_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInviteRequest"];
            };
        };
        responses: {
            /** @description Joined; for new accounts the session cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    preview_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteTokenRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitePreview"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_tokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
        };
    };
    create_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTokenRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke_token: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: components["schemas"]["TokenId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    function_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenMetrics text */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/openmetrics-text": unknown;
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description METRICS_TOKEN is not set */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openapi_json: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    create_org: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrgRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_org: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_items: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description 1–100, default 25. */
                limit?: number;
                owner?: components["schemas"]["UserId"];
                ownerTeam?: components["schemas"]["TeamId"];
                /** @description Words, each in the name or external id. */
                q?: string;
                status?: components["schemas"]["CiStatus"];
                type?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_item: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateItemRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_item: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `cfg_…`, `7` or `CI-7` */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_item: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateItemRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    impact: {
        parameters: {
            query?: {
                /** @description 1–20, default 10. */
                depth?: number;
                /** @description `downstream` (default): what the item relies on; `upstream`: what relies on it. */
                direction?: components["schemas"]["Direction"];
                /**
                 * @description Items listed at most, nearest first: 1–10000, default 1000 (`total`
                 *     counts them all).
                 */
                limit?: number;
            };
            header?: never;
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpactView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemRecordsView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_relationships: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationshipList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    add_relationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RelateRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationshipView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    remove_relationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                relationshipId: components["schemas"]["LinkId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    item_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_items: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A header, then a row per item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_items: {
        parameters: {
            query?: {
                /** @description Report what would be created, updated and left alone; write nothing. */
                dryRun?: boolean;
                /** @description Import the valid rows even if some are not (else nothing is written). */
                skipInvalid?: boolean;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        /** @description A header of column names, then a row per item */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Dry run, or written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid rows: nothing written */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
        };
    };
    list_relation_types: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationTypeList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    add_relation_type: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RelationType"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationType"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_types: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemTypeList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_type: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                typeKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutItemTypeRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemTypeView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_type: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                typeKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_audit: {
        parameters: {
            query?: {
                /** @description Only this action, e.g. `member.roles_changed`. */
                action?: string;
                /** @description Only events by this user. */
                actor?: components["schemas"]["UserId"];
                cursor?: string;
                /** @description `ndjson` exports every matching event, one JSON object per line. */
                format?: string;
                /** @description Events at or after this time. */
                from?: string;
                /** @description Page size, 1–200 (default 50). */
                limit?: number;
                /** @description Events before this time. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": unknown;
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verify_audit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainVerification"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_billing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingView"];
                };
            };
        };
    };
    start_checkout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedirectView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    open_portal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedirectView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_sla_calendars: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_sla_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarSpec"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_sla_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: components["schemas"]["CalendarId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replace_sla_calendar: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                calendarId: components["schemas"]["CalendarId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarSpec"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_sla_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: components["schemas"]["CalendarId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_catalog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_catalog_category: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_catalog_category: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: components["schemas"]["CategoryId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_catalog_category: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                categoryId: components["schemas"]["CategoryId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_catalog_items: {
        parameters: {
            query?: {
                status?: "draft" | "published" | "retired";
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItemList"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_catalog_item: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogItemRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItemView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_catalog_item: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                catalogItemId: components["schemas"]["CatalogItemId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replace_catalog_item: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                catalogItemId: components["schemas"]["CatalogItemId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogItemRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItemView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_catalog_form: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                catalogItemId: components["schemas"]["CatalogItemId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    move_catalog_item: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                catalogItemId: components["schemas"]["CatalogItemId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogItemStatusRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItemView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_changes: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description With `to`: changes whose window overlaps `[from, to)` (the calendar). */
                from?: string;
                /** @description 1–100, default 25. */
                limit?: number;
                status?: components["schemas"]["ChangeStatus"];
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_change: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChangeRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `chg_…`, `3` or `CHG-3` */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_change: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateChangeRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    open_caused_incident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CausedIncidentRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    move_change: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submit_change: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    vote_on_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                changeId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    awaiting_my_approval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    failure_rate: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FailureRateView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_freezes: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezeList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_freeze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFreezeRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezeView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_freeze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                freezeId: components["schemas"]["FreezeId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangePolicy"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_policy: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePolicy"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangePolicy"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recent_changes: {
        parameters: {
            query: {
                /** @description How far back; default the policy's `recentChangeHours` (48). */
                hours?: number;
                /** @description The incident (`inc_…`, `7` or `INC-7`). */
                incident: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    dashboard: {
        parameters: {
            query?: {
                /** @description First UTC day (`YYYY-MM-DD`), default 29 days before `to`. */
                from?: string;
                /** @description Last UTC day, default today. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_deliveries: {
        parameters: {
            query?: {
                incidentId?: components["schemas"]["IncidentId"];
                /** @description At most 200; default 50. */
                limit?: number;
                status?: components["schemas"]["DeliveryStatus"];
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
        };
    };
    get_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryView"];
                };
            };
        };
    };
    retry_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_policies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
        };
    };
    create_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DocumentRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                policyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DocumentRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    stream: {
        parameters: {
            query?: {
                /** @description Resume after this event id (for clients that cannot send `Last-Event-ID`). */
                lastEventId?: number;
            };
            header?: {
                "Last-Event-ID"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
        };
    };
    set_features: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        /** @description module key → on/off */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: boolean;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_incidents: {
        parameters: {
            query?: {
                /** @description A user id, or `me`. */
                assignee?: string;
                cursor?: string;
                /** @description Created at or after. */
                from?: string;
                label?: string;
                /** @description 1–100, default 25. */
                limit?: number;
                /** @description Text in the title or description. */
                q?: string;
                severity?: components["schemas"]["Severity"];
                /** @description `created` (newest first, default) or `severity` (P1 first). */
                sort?: string;
                /** @description `open`, `acknowledged`, `investigating`, `resolved`, or `active` (not resolved). */
                status?: string;
                /** @description A team id. */
                team?: components["schemas"]["TeamId"];
                /** @description Created before. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_IncidentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_incident: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateIncidentRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_incident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `inc_…`, `42` or `INC-42` */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_incident: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateIncidentRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    handoff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoffRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_sla: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `inc_…`, `42` or `INC-42` */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    incident_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_integrations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationList"];
                };
            };
        };
    };
    put_integration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: components["schemas"]["Channel"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_integration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: components["schemas"]["Channel"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    test_integration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: components["schemas"]["Channel"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestResult"];
                };
            };
        };
    };
    list_invites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteList"];
                };
            };
        };
    };
    create_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInviteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteView"];
                };
            };
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: components["schemas"]["InviteId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resend_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: components["schemas"]["InviteId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    search_kb: {
        parameters: {
            query?: {
                /** @description Only these kinds, comma-separated: `article`, `known_error`, `incident`. */
                kind?: string;
                /** @description 1–100, default 25. */
                limit?: number;
                /** @description `all` words (the default) or `any` (suggestions: more words rank higher). */
                match?: "all" | "any";
                /** @description Portal articles only (what requesters find); always so for requesters. */
                portal?: boolean;
                /** @description Words to find, each as a prefix (so results come as one types). */
                q?: string;
                /** @description Only articles with this tag. */
                tag?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_articles: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description 1–100, default 25. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_article: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateArticleRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_article: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `kba_…`, `7` or `KB-7` */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_article: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateArticleRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_action_items: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionItemList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    add_action_item: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActionItemRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_action_item: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                articleId: string;
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateActionItemRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    promote_action_item: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                itemId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionItemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_approval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_revisions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_revision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                revision: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    diff_revision: {
        parameters: {
            query?: {
                /** @description The revision to compare with; default the one before. */
                against?: number;
            };
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                revision: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionDiff"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    move_article: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArticleStatusRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    article_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id or number */
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    vote_on_article: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                articleId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    follow_ups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpsView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    write_postmortem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WritePostmortemRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postmortem_of: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `inc_…`, `7` or `INC-7` */
                incidentId: string;
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSettings"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KbSettings"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSettings"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    remove_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                userId: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                userId: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    my_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    put_my_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_problems: {
        parameters: {
            query?: {
                cursor?: string;
                /**
                 * @description Known errors that cause this incident (`inc_…`, `7` or `INC-7`),
                 *     then those whose words match its title.
                 */
                incident?: string;
                /** @description Only known errors (problems with a workaround). */
                knownError?: boolean;
                /** @description 1–100, default 25. */
                limit?: number;
                /** @description Words, each found in the title, symptom or workaround. */
                q?: string;
                status?: components["schemas"]["ProblemStatus"];
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ProblemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_problem: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProblemRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_problem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description `prb_…`, `3` or `PRB-3` */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_problem: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                problemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProblemRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    problem_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                problemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    set_requester_signup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequesterSignupRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_requests: {
        parameters: {
            query?: {
                cursor?: string;
                item?: components["schemas"]["CatalogItemId"];
                /** @description 1–100, default 25. */
                limit?: number;
                /** @description Only the caller's own (always so for requesters). */
                mine?: boolean;
                status?: "submitted" | "awaiting_approval" | "approved" | "rejected" | "in_progress" | "fulfilled" | "cancelled";
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_RequestView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_request: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRequestRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description `req_…`, `3` or `REQ-3` */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_external_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinks"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_add_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalLinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalLinkView"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_remove_external_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_links: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Links"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_add_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_remove_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: components["schemas"]["LinkId"];
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_sla: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    move_request: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string | null;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestStatusRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_task: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                requestId: string;
                taskId: components["schemas"]["RequestTaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_records_add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                /** @description The record's id or number */
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    vote_on_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    task_queue: {
        parameters: {
            query?: {
                /** @description Only tasks assigned to the caller. */
                mine?: boolean;
                /** @description Only tasks in this status; default: every one still to do. */
                status?: "pending" | "open" | "in_progress" | "waiting_on_requester" | "done" | "skipped" | "cancelled";
                /** @description One team's tasks. */
                team?: components["schemas"]["TeamId"];
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskQueue"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_schedules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
        };
    };
    create_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DocumentRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DocumentRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    on_call: {
        parameters: {
            query?: {
                /** @description RFC 3339 instant; default now. */
                at?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnCallView"];
                };
            };
        };
    };
    shifts: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShiftList"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_sla_policies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_sla_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicySpec"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_sla_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                slaPolicyId: components["schemas"]["SlaPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replace_sla_policy: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                slaPolicyId: components["schemas"]["SlaPolicyId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicySpec"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reapply_sla_policy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                slaPolicyId: components["schemas"]["SlaPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reapplied"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sla_compliance: {
        parameters: {
            query?: {
                /** @description Over the clocks started in the last this many days (1–365, 30). */
                days?: number;
            };
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_targets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["TargetView"];
                    };
                };
            };
        };
    };
    put_targets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: components["schemas"]["TargetView"];
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["TargetView"];
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_teams: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTeamRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                teamId: components["schemas"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                teamId: components["schemas"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_team: {
        parameters: {
            query?: never;
            header: {
                "If-Match": string;
            };
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                teamId: components["schemas"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTeamRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    add_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                teamId: components["schemas"]["TeamId"];
                userId: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    remove_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                teamId: components["schemas"]["TeamId"];
                userId: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
        };
    };
    create_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookView"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rotate_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookView"];
                };
            };
        };
    };
    test_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation (`org_…`); other organisations' ids answer 404. */
                orgId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestResult"];
                };
            };
        };
    };
    org_by_slug: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    join_as_requester: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgView"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyStatus"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stripe_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A Stripe event, signed in the Stripe-Signature header */
        requestBody: {
            content: {
                "application/json": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceipt"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
