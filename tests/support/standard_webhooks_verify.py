"""Verifies a delivered webhook with the Standard Webhooks reference library,
so our signing is checked against the spec's scheme rather than against itself.

    python standard_webhooks_verify.py SECRET < {"headers": {...}, "body": "..."}
    ->  exit 0 if the signature verifies, 1 (reason on stderr) if not
"""

import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

secret = sys.argv[1]
request = json.load(sys.stdin)
try:
    Webhook(secret).verify(request["body"], request["headers"])
except WebhookVerificationError as error:
    print(f"not verified: {error}", file=sys.stderr)
    sys.exit(1)
