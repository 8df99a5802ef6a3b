"""The shared cache as an accelerator, never a dependency.

Pages are kept in the cache and search keeps its word list there. When the cache server cannot be
reached, or stops answering, Django's Redis backend raises on every call and every page would
fail. This backend answers as an empty cache instead: reads miss, writes are dropped, and pages
are rendered afresh and not kept. After a failure it leaves the server alone for a few seconds,
so that visitors do not each wait for a connection that will not come; it tries again by itself,
with no restart.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


class ResilientRedisCache(RedisCache):
    # Shared by every cache of this process: when the server last failed, plus the rest it gets.
    _down_until = 0.0

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (RedisError, OSError) as error:
            if time.monotonic() >= self._down_until:
                logger.warning(
                    "Cache unreachable, serving without it for %ss: %s", RETRY_AFTER_SECONDS, error
                )
            type(self)._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return fallback

    # While the server is away: a read misses, a write keeps nothing.
    def get(self, key, default=None, version=None):
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", False, key, version)

    def set(self, key, value, timeout=None, version=None):
        return self._attempt("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._attempt("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._attempt("add", False, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._attempt("touch", False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._attempt("incr", delta, key, delta, version)

    def delete(self, key, version=None):
        return self._attempt("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._attempt("delete_many", None, keys, version)

    def clear(self):
        return self._attempt("clear", False)
