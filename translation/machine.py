"""DeepL and LibreTranslate for the translation editor, in chunks and without 500s.

wagtail-localize's own translators send a whole page in one request and let
any provider error escape, so a long page or a spent quota ends in a server
error and nothing is saved. These subclasses send requests below the
provider's limit and stop at the first failure. ``translate()`` then returns
what came back so far, which wagtail-localize's ``apply_machine_translation``
saves, and leaves the failure on ``self.error`` for the view to explain
(``translation/views/machine.py``).
"""

import enum
import logging
from urllib.parse import quote_plus, urlencode

import requests
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators import deepl, libretranslate
from wagtail_localize.strings import StringValue
from wagtail_localize.views.edit_translation import apply_machine_translation

from translation.field_checks import flag_invalid
from translation.slugs import without_slugs

logger = logging.getLogger(__name__)

DEEPL_MAX_REQUEST_BYTES = 128 * 1024  # DeepL's limit on a request body
DEEPL_MAX_TEXTS = 50  # DeepL's limit on texts per request
LIBRETRANSLATE_CHAR_LIMIT = 5000
DEFAULT_TIMEOUT = 30


class Reason(enum.Enum):
    """Why a provider stopped; ``REASON_TEXTS`` has the words the editor reads."""

    RATE_LIMITED = "rate_limited"
    QUOTA_EXCEEDED = "quota_exceeded"
    AUTH_FAILED = "auth_failed"
    TOO_LARGE = "too_large"
    SERVER_ERROR = "server_error"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    BAD_ANSWER = "bad_answer"


REASON_TEXTS = {
    Reason.RATE_LIMITED: _("the service is receiving too many requests right now"),
    Reason.QUOTA_EXCEEDED: _("the monthly quota is used up"),
    Reason.AUTH_FAILED: _("the service refused the access key"),
    Reason.TOO_LARGE: _("the service found the request too large"),
    Reason.SERVER_ERROR: _("the service has a problem of its own"),
    Reason.REFUSED: _("the service refused the request"),
    Reason.TIMEOUT: _("the service did not answer in time"),
    Reason.UNREACHABLE: _("the service could not be reached"),
    Reason.BAD_ANSWER: _("the service sent an answer that could not be read"),
}


class MachineTranslationError(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(f"{reason.name}: {detail}" if detail else reason.name)
        self.reason = reason
        self.detail = detail


def reason_for_status(status):
    if status in (429, 529):
        return Reason.RATE_LIMITED
    if status == 456:
        return Reason.QUOTA_EXCEEDED
    if status in (401, 403):
        return Reason.AUTH_FAILED
    if status in (413, 414):
        return Reason.TOO_LARGE
    if status >= 500:
        return Reason.SERVER_ERROR
    return Reason.REFUSED


def post(url, *, timeout, **kwargs):
    """``requests.post`` that turns every failure into a MachineTranslationError."""
    try:
        response = requests.post(url, timeout=timeout, **kwargs)
    except requests.Timeout as error:
        raise MachineTranslationError(Reason.TIMEOUT, str(error)) from error
    except requests.RequestException as error:
        raise MachineTranslationError(Reason.UNREACHABLE, str(error)) from error
    if response.status_code >= 400:
        raise MachineTranslationError(
            reason_for_status(response.status_code),
            f"HTTP {response.status_code}: {response.text[:500]}",
        )
    return response


def text_list(items):
    if not isinstance(items, list):
        raise TypeError(f"expected a list, got {type(items).__name__}")
    return items


def read_json(response, extract):
    """Apply ``extract`` to the decoded answer; any surprise in its shape is a bad answer."""
    try:
        return extract(response.json())
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise MachineTranslationError(
            Reason.BAD_ANSWER, f"{error!r} in {response.text[:500]!r}"
        ) from error


def translate_missing(translation, user, translator):
    """Machine-translate the texts of ``translation`` that have none yet, as ``user``.

    The one way both the editor's button and the bulk job translate: upstream's
    ``apply_machine_translation`` (which skips every text that has a translation,
    so a person's stays, and records the rest as machine-made, hence not
    reviewed), without the slug (``translation.slugs``), then the field checks a
    typed text gets. Returns whether anything was sent; the translator's
    ``requested``, ``translated``, ``too_long`` and ``error`` say how it went.
    """
    if hasattr(translator, "reset_report"):
        translator.reset_report(0)  # the translator may be reused: forget the last run
    applied = apply_machine_translation(
        translation.id, user, without_slugs(translator, translation.source)
    )
    if getattr(translator, "requested", None) == 0:
        applied = False  # only the slug was left
    # A service may answer with a line break in a title: flagged, as a translator's would be.
    flag_invalid(translation)
    return applied


class ChunkedTranslatorMixin:
    """Split the strings into requests below a limit; keep what succeeded.

    A request costs ``base cost + the sum of each string's cost`` and holds at
    most ``max_items`` strings. A string that does not fit into a request on
    its own is not sent; it stays for a person to translate.

    After ``translate()``: ``requested`` strings were asked for, ``translated``
    came back, ``too_long`` were not sent, and ``error`` is the
    MachineTranslationError that stopped the run, or None.
    """

    max_items = None

    def reset_report(self, requested):
        self.requested = requested
        self.translated = 0
        self.too_long = 0
        self.error = None

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        self.reset_report(len(strings))
        results = {}
        # Split first, so that ``too_long`` counts every string even after an error.
        for chunk in list(self.chunks(source_locale, target_locale, strings)):
            try:
                texts = self.translate_chunk(source_locale, target_locale, chunk)
                if len(texts) != len(chunk) or not all(isinstance(t, str) for t in texts):
                    raise MachineTranslationError(
                        Reason.BAD_ANSWER, f"{len(texts)} answers for {len(chunk)} texts"
                    )
            except MachineTranslationError as error:
                logger.warning(
                    "%s stopped after %d of %d texts: %s",
                    self.display_name,
                    self.translated,
                    self.requested,
                    error,
                )
                self.error = error
                break
            results.update(zip(chunk, (StringValue(text) for text in texts), strict=True))
            self.translated += len(chunk)
        return results

    def chunks(self, source_locale, target_locale, strings):
        base, limit = self.chunk_budget(source_locale, target_locale)
        chunk, cost = [], base
        for string in strings:
            string_cost = self.string_cost(string)
            if base + string_cost > limit:
                self.too_long += 1
                continue
            if chunk and (cost + string_cost > limit or len(chunk) == self.max_items):
                yield chunk
                chunk, cost = [], base
            chunk.append(string)
            cost += string_cost
        if chunk:
            yield chunk

    def chunk_budget(self, source_locale, target_locale):
        """The fixed cost of a request and the most one may cost."""
        raise NotImplementedError

    def string_cost(self, string):
        raise NotImplementedError

    def translate_chunk(self, source_locale, target_locale, strings):
        """Translate ``strings`` in one request; return the texts in the same order."""
        raise NotImplementedError


class DeepLTranslator(ChunkedTranslatorMixin, deepl.DeepLTranslator):
    """DeepL, below its 128 KiB and 50-text limits per request.

    The size is that of the form-encoded body as sent, so that percent-encoded
    umlauts and accents count three times. Options beyond upstream's:
    ``API_URL`` (the base URL, without ``/v2/...``) and ``MAX_REQUEST_BYTES``.
    ``GLOSSARY_IDS`` may name one direction only; the other then translates
    without a glossary, without upstream's warning on every request.
    """

    max_items = DEEPL_MAX_TEXTS

    def __init__(self, options):
        options = dict(options)
        self.glossary_ids = options.pop("GLOSSARY_IDS", None) or {}
        super().__init__(options)

    @property
    def api_url(self):
        if url := self.options.get("API_URL"):
            return url.rstrip("/")
        if self.options.get("AUTH_KEY", "").endswith(":fx"):
            return "https://api-free.deepl.com"
        return "https://api.deepl.com"

    def get_api_endpoint(self):
        return f"{self.api_url}/v2/translate"

    @property
    def timeout(self):
        return float(self.options.get("TIMEOUT", DEFAULT_TIMEOUT))

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        pair = (parameters["source_lang"], parameters["target_lang"])
        if glossary_id := self.glossary_ids.get(pair):
            parameters["glossary_id"] = glossary_id
        return parameters

    def chunk_budget(self, source_locale, target_locale):
        others = self.get_parameters(source_locale, target_locale, [])
        del others["text"]
        base = len(urlencode(others).encode("ascii"))
        return base, int(self.options.get("MAX_REQUEST_BYTES", DEEPL_MAX_REQUEST_BYTES))

    def string_cost(self, string):
        # "&text=..." exactly as urlencode writes it
        return len("&text=") + len(quote_plus(string.data))

    def translate_chunk(self, source_locale, target_locale, strings):
        parameters = self.get_parameters(source_locale, target_locale, strings)
        response = post(
            self.get_api_endpoint(),
            data=urlencode(parameters, doseq=True).encode("ascii"),
            headers={
                **self.get_headers(),
                "Content-Type": "application/x-www-form-urlencoded",
            },
            timeout=self.timeout,
        )
        return read_json(
            response, lambda answer: [item["text"] for item in text_list(answer["translations"])]
        )

    def create_glossary(self, name, source_lang, target_lang, entries):
        """Create a DeepL glossary from ``(source term, target term)`` pairs; return its id."""
        tsv = "\n".join(f"{source}\t{target}" for source, target in entries)
        response = post(
            f"{self.api_url}/v2/glossaries",
            data={
                "name": name,
                "source_lang": source_lang.lower(),
                "target_lang": target_lang.lower(),
                "entries": tsv,
                "entries_format": "tsv",
            },
            headers=self.get_headers(),
            timeout=self.timeout,
        )
        return read_json(response, lambda answer: str(answer["glossary_id"]))


class LibreTranslator(ChunkedTranslatorMixin, libretranslate.LibreTranslator):
    """LibreTranslate, at most ``CHAR_LIMIT`` characters per request.

    A self-hosted server counts the characters of all texts in a request
    against its ``--char-limit``. ``API_KEY`` is optional, as on a server
    that does not require keys.
    """

    def get_api_endpoint(self):
        return self.options["LIBRETRANSLATE_URL"].rstrip("/")

    def get_timeout(self):
        return float(self.options.get("TIMEOUT", DEFAULT_TIMEOUT))

    def chunk_budget(self, source_locale, target_locale):
        return 0, int(self.options.get("CHAR_LIMIT", LIBRETRANSLATE_CHAR_LIMIT))

    def string_cost(self, string):
        return len(string.data)

    def translate_chunk(self, source_locale, target_locale, strings):
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",
        }
        if api_key := self.options.get("API_KEY"):
            payload["api_key"] = api_key
        response = post(
            self.get_api_endpoint() + "/translate", json=payload, timeout=self.get_timeout()
        )
        return read_json(response, lambda answer: text_list(answer["translatedText"]))
