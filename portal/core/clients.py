"""Who sent a request, as far as the server can tell: the address limits count by (sign-in
throttling, public comments)."""

from django.conf import settings


def client_address(request) -> str:
    if request is None:
        return ""
    if getattr(settings, "LOGIN_THROTTLE_TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The last hop is the one our own proxy added; earlier ones are the client's word.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
