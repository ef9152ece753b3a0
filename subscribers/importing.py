"""Reading an existing list of readers from a CSV file, for the admin's import.

The file is checked as a whole first (size, encoding, delimiter, columns):
when it is bad, nothing is read and the editor gets one message. Then each row
is either a reader to add or a row skipped with its reason. Nothing is written
here; ``add_readers`` writes the rows the editor confirmed.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from subscribers.models import Consent, ErasedAddress, Subscriber

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000

EMAIL_COLUMNS = {
    "email",
    "e-mail",
    "mail",
    "e-mail-adresse",
    "adresse",
    "adresse e-mail",
    "courriel",
}
LANGUAGE_COLUMNS = {"language", "sprache", "langue"}
DATE_COLUMNS = {"date", "datum", "consent date", "date of consent", "einwilligung", "consentement"}

LANGUAGES = {
    "de": Subscriber.Language.GERMAN,
    "deutsch": Subscriber.Language.GERMAN,
    "german": Subscriber.Language.GERMAN,
    "allemand": Subscriber.Language.GERMAN,
    "fr": Subscriber.Language.FRENCH,
    "französisch": Subscriber.Language.FRENCH,
    "franzoesisch": Subscriber.Language.FRENCH,
    "french": Subscriber.Language.FRENCH,
    "français": Subscriber.Language.FRENCH,
    "francais": Subscriber.Language.FRENCH,
    "both": Subscriber.Language.BOTH,
    "beide": Subscriber.Language.BOTH,
    "les deux": Subscriber.Language.BOTH,
    "de+fr": Subscriber.Language.BOTH,
    "de,fr": Subscriber.Language.BOTH,
    "de/fr": Subscriber.Language.BOTH,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")

# The consent record of an imported reader, in the list's language.
CONSENT_ELSEWHERE = gettext_lazy(
    "Consent to receive the newsletter was given elsewhere, not on this site. "
    "Source: %(source)s. Date of consent: %(date)s."
)
CONSENT_DATE_UNKNOWN = gettext_lazy("not recorded")


class BadFile(Exception):
    """The file as a whole cannot be read; the message is for the editor."""


@dataclass
class Row:
    line: int
    email: str
    language: str = ""
    consent_date: str = ""  # ISO date, or empty
    reason: str = ""  # why it is skipped; empty when it is added


def decode(data):
    if len(data) > MAX_BYTES:
        raise BadFile(
            _("The file is too large: at most %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if b"\x00" in data:
        raise BadFile(_("This is not a CSV file. Please save the list as CSV (UTF-8)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile(
            _(
                "The file is not in UTF-8. In Excel or LibreOffice, save it as "
                "“CSV UTF-8 (comma-delimited)” and upload it again."
            )
        ) from None


def delimiter(first_line):
    return ";" if first_line.count(";") > first_line.count(",") else ","


def column(header, names):
    for index, name in enumerate(header):
        if name.strip().lower() in names:
            return index
    return None


def parse_date(value):
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_rows(data, locale):
    """The file's rows, each to be added or skipped with its reason. Raises ``BadFile``."""
    text = decode(data)
    if not text.strip():
        raise BadFile(_("The file is empty."))
    lines = text.splitlines()
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter(lines[0])))
    except csv.Error:
        raise BadFile(_("This is not a CSV file. Please save the list as CSV (UTF-8).")) from None
    header, records = records[0], records[1:]
    email_at = column(header, EMAIL_COLUMNS)
    language_at = column(header, LANGUAGE_COLUMNS)
    date_at = column(header, DATE_COLUMNS)
    if email_at is None or language_at is None:
        raise BadFile(
            _(
                "The first line must name the columns: “email” and “language”, and "
                "“date” if you have it."
            )
        )
    if len(records) > MAX_ROWS:
        raise BadFile(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})

    known = set(Subscriber.objects.filter(locale=locale).values_list("email", flat=True))
    erased = set(ErasedAddress.objects.filter(locale=locale).values_list("email_hash", flat=True))
    seen = set()
    rows = []
    for line, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue

        def cell(at, record=record):
            return record[at].strip() if at is not None and at < len(record) else ""

        row = Row(line=line, email=Subscriber.normalise(cell(email_at)))
        language = cell(language_at).lower()
        row.language = LANGUAGES.get(language, "") if language else locale.language_code
        date = cell(date_at)
        consent_date = parse_date(date) if date else None
        row.consent_date = consent_date.isoformat() if consent_date else ""
        try:
            validate_email(row.email)
            valid = len(row.email) <= 254
        except ValidationError:
            valid = False
        if not valid:
            row.reason = _("not a valid e-mail address")
        elif row.email in seen:
            row.reason = _("already further up in the file")
        elif row.email in known:
            row.reason = _("already on the list")
        elif ErasedAddress.hash(row.email) in erased:
            row.reason = _("erased on request; the reader may subscribe again on the site")
        elif not row.language:
            row.reason = _("unknown language “%(language)s” (de, fr or both)") % {
                "language": cell(language_at)
            }
        elif date and consent_date is None:
            row.reason = _("date not understood “%(date)s” (2025-03-31 or 31.03.2025)") % {
                "date": date
            }
        elif consent_date and consent_date > timezone.localdate():
            row.reason = _("date of consent in the future")
        seen.add(row.email)
        rows.append(row)
    return rows


def consent_text(locale, source, consent_date):
    with translation.override(locale.language_code):
        date = date_format(consent_date, "DATE_FORMAT") if consent_date else CONSENT_DATE_UNKNOWN
        return str(CONSENT_ELSEWHERE % {"source": source, "date": date})


@transaction.atomic
def add_readers(rows, locale, source):
    """Add the confirmed rows as confirmed readers, skipping what changed since the preview.

    Returns the number added.
    """
    now = timezone.now()
    known = set(Subscriber.objects.filter(locale=locale).values_list("email", flat=True))
    erased = set(ErasedAddress.objects.filter(locale=locale).values_list("email_hash", flat=True))
    added = []
    consents = []
    for row in rows:
        if row.reason or row.email in known or ErasedAddress.hash(row.email) in erased:
            continue
        known.add(row.email)
        consent_date = datetime.date.fromisoformat(row.consent_date) if row.consent_date else None
        given_at = (
            timezone.make_aware(datetime.datetime.combine(consent_date, datetime.time(12)))
            if consent_date
            else now
        )
        subscriber = Subscriber(
            email=row.email,
            language=row.language,
            locale=locale,
            state=Subscriber.State.CONFIRMED,
            created=now,
            confirmed_at=now,
        )
        added.append(subscriber)
        consents.append(
            Consent(
                subscriber=subscriber,
                text=consent_text(locale, source, consent_date),
                language=locale.language_code,
                given_at=given_at,
                source=source,
            )
        )
    Subscriber.objects.bulk_create(added)
    Consent.objects.bulk_create(consents)
    return len(added)
