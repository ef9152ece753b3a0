"""A cache backend: each process's memory in front of a shared cache (Redis).

For values that never change under their key, such as Wagtail's image
renditions: a rendition's key names the image, its file's hash, the focal
point and the filter, so a new file or a new focal point makes new keys, and
nothing ever stores another rendition under an old one. Read from Redis, every
rendition a page shows costs its share of a round trip and an unpickled model
instance: some thirty for an exhibition, about 2 ms of CPU of an uncached
rendering's 20 (bench/RESULTS.md). Read from the process's memory, it costs a
dictionary lookup and the unpickling.

The shared cache stays the one every process fills and reads on a miss, so a
new or restarted worker finds renditions there, and they survive a deploy. A
deletion reaches the shared cache and this process's memory; another process
may keep its copy for ``MEMORY_SECONDS`` (60) at most, which matters only for a
rendition whose file was deleted under the same key (``wagtail_update_image_
renditions --purge-only``): that process then links the old file for up to a
minute. ``MEMORY_ENTRIES`` (5,000) bounds each process's memory; renditions
pickle to about 1 KB.

    "renditions": {
        "BACKEND": "twinsite.memory_in_front.MemoryInFrontCache",
        "OPTIONS": {"SHARED": {"BACKEND": "django_redis.cache.RedisCache", ...}},
    }
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.module_loading import import_string


class MemoryInFrontCache(BaseCache):
    def __init__(self, location, params):
        options = dict(params.get("OPTIONS", {}))
        shared = options.pop("SHARED")
        memory_seconds = options.pop("MEMORY_SECONDS", 60)
        memory_entries = options.pop("MEMORY_ENTRIES", 5000)
        super().__init__({**params, "OPTIONS": options})
        self.shared = import_string(shared["BACKEND"])(shared.get("LOCATION", ""), shared)
        # Django makes an instance per thread; a LocMemCache shares its dictionary
        # (and its lock) with every other of the same name, so the threads of a
        # process share one memory per shared cache.
        self.memory = LocMemCache(
            f"memory-in-front:{shared.get('LOCATION', '')}",
            {"TIMEOUT": memory_seconds, "OPTIONS": {"MAX_ENTRIES": memory_entries}},
        )
        self.memory_seconds = memory_seconds

    def _memory_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return self.memory_seconds
        return min(timeout, self.memory_seconds)

    def get(self, key, default=None, version=None):
        missing = object()
        value = self.memory.get(key, missing, version=version)
        if value is not missing:
            return value
        value = self.shared.get(key, missing, version=version)
        if value is missing:
            return default
        self.memory.set(key, value, self.memory_seconds, version=version)
        return value

    def get_many(self, keys, version=None):
        keys = list(keys)
        found = self.memory.get_many(keys, version=version)
        wanted = [key for key in keys if key not in found]
        if wanted:
            shared = self.shared.get_many(wanted, version=version)
            if shared:
                self.memory.set_many(shared, self.memory_seconds, version=version)
            found.update(shared)
        return found

    def has_key(self, key, version=None):
        return self.memory.has_key(key, version=version) or self.shared.has_key(
            key, version=version
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        self.memory.set(key, value, self._memory_timeout(timeout), version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self.shared.set_many(data, timeout, version=version)
        self.memory.set_many(data, self._memory_timeout(timeout), version=version)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version=version)
        if added:
            self.memory.set(key, value, self._memory_timeout(timeout), version=version)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        self.memory.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self.memory.delete_many(keys, version=version)
        self.shared.delete_many(keys, version=version)

    def clear(self):
        self.memory.clear()
        return self.shared.clear()

    def close(self, **kwargs):
        self.shared.close(**kwargs)
