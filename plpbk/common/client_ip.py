"""The client's address behind trusted reverse proxies, for the login lockout (axes calls
`client_ip` through AXES_CLIENT_IP_CALLABLE) and the password-reset limit.

Each proxy in front of the portal appends the address it got the request from to
X-Forwarded-For, and the nearest proxy is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies the
client is therefore the header's TRUSTED_PROXY_COUNT-th entry from the right; whatever stands
left of it was written by the client and is ignored. Without a trusted proxy the header is
ignored altogether and the socket's address counts.

django-ipware parses the header. It is called here, not through axes' AXES_IPWARE_* settings,
because given REMOTE_ADDR as a second source it prefers a "more public" address to the one at
the trusted position (a client on a private network behind a proxy with a public address
would become the proxy), and in its default strict mode a forged prefix in the header sends it
back to REMOTE_ADDR, the proxy's address that every client shares.
"""

from django.conf import settings
from ipware.ip import get_client_ip


def client_ip(request) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        # ipware counts the proxies that follow the client inside the header: the nearest is not in it
        ip, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if ip:
            return ip
    return request.META.get("REMOTE_ADDR")
