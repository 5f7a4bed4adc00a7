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
