"""The visitor's address for django-axes, behind as many proxies as the operator trusts.

django-axes reads ``X-Forwarded-For`` only through django-ipware (its
``AXES_IPWARE_*`` settings), which is not installed; without it axes counts
``REMOTE_ADDR``, which behind a reverse proxy is the proxy itself. Each proxy
appends the address it was connected from, so with ``TRUSTED_PROXY_COUNT``
proxies in front, the client is that many entries from the right; anything
further left was written by the client and may be forged.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
