"""Signs a Stripe webhook payload with Stripe's own library, so our
verification is checked against Stripe's scheme rather than against itself.

    python stripe_sign.py SECRET TIMESTAMP < payload   ->  prints the Stripe-Signature header
"""

import sys

import stripe

secret, timestamp = sys.argv[1], int(sys.argv[2])
payload = sys.stdin.read()
header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
print(header)
