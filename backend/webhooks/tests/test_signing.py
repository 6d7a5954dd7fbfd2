"""Signatures match the Standard Webhooks example and an independent verifier."""

import base64
from datetime import UTC, datetime

from core.testing_servers import Received
from webhooks.signing import new_secret, signed_headers

from .conftest import verify


def test_the_published_example_signature():
    # The example of the Standard Webhooks specification and its reference libraries.
    headers = signed_headers(
        secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        body=b'{"test": 2432232314}',
        at=datetime.fromtimestamp(1614265330, tz=UTC),
    )

    assert headers == {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }


def test_new_secrets_are_32_random_bytes_and_sign_what_the_verifier_accepts():
    secret = new_secret()
    body = '{"type":"ping","data":{"note":"é"}}'.encode()
    headers = signed_headers(secret=secret, message_id="msg_1", body=body, at=datetime.now(UTC))

    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert secret != new_secret()
    verify(secret, Received("/", headers, body))
