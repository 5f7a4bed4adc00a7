"""Two-factor sign-in in tests: a confirmed authenticator app for a user, and the code it would show,
computed from its key (never from the network)."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_for(device) -> str:
    """The code the app shows now, or, if that one was used already, the next one (the device
    accepts one step either side, and never the same step twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    while step > totp.t() + device.tolerance:
        time.sleep(1)
        totp.time = time.time()
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def signing_in_with_the_second_factor(force_login):
    """Django's `Client.force_login`, made to stand for a whole sign-in: a user who must use a
    second factor also gets a confirmed authenticator app (if they have none), recorded in the
    session as entering its code does (django_otp.login). The tests and the benchmarks use it."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from tellonce.accounts.two_factor import must_use_two_factor

    def signed_in(client, user, backend=None):
        force_login(client, user, backend)
        if must_use_two_factor(user):
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = app_for(user).persistent_id
            session.save()

    return signed_in
