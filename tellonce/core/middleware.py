"""Headers every response carries.

`Cache-Control: no-store` on everything a signed-in person or API caller is shown, and on every answer to a
form: the pages and downloads behind sign-in hold children's personal data, which no browser
cache, shared computer's back button or proxy may keep. Public pages (the Local Offer, "You said,
we did") may be cached as their views say. `Permissions-Policy` turns off the browser features
Tellonce never uses, so that nothing injected could use them either."""

from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PrivateResponses:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = (user is not None and user.is_authenticated) or "Authorization" in request.headers
        if signed_in or request.method not in ("GET", "HEAD", "OPTIONS"):
            patch_cache_control(response, no_store=True, private=True, max_age=0)
            response.headers.pop("Expires", None)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
