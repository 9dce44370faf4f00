"""A fixed-window counter in Django's cache: at most `limit` hits per key in `window` seconds.

Used to slow down automated self-referrals from one client IP without a third-party captcha. The
count lives in the cache, so it is only as shared as the cache is: with several server processes the
cache must be a shared one (database or Redis), or each process counts on its own.
"""

import hashlib

from django.core.cache import cache


def key_for(scope, identifier):
    """A cache key that does not hold the IP address itself (and is safe for any cache backend)."""
    digest = hashlib.sha256(f"{scope}:{identifier}".encode()).hexdigest()[:32]
    return f"steptwo:rate:{scope}:{digest}"


def hit(key, *, limit, window):
    """Count one hit; True while the count in this window is within `limit`, False once it is over."""
    cache.add(key, 0, timeout=window)  # starts the window; does nothing if one is running
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
