"""Sending a published issue to the confirmed readers of its list.

An issue belongs to a list through its locale: the German page of an issue
goes to the German site's readers (Naumburg's), its French translation,
sent on its own, to the French site's (Les Ulis'). Each reader gets one
version: German readers the live German page, French readers the live
French page, "both" readers the issue in both languages.

Sending is at most once per reader and issue (a ``Delivery`` each, unique),
in batches on the ``mail`` task backend: claim (a conditional UPDATE, so
that two workers never take the same delivery), send over one SMTP
connection per batch at ``NEWSLETTER_SEND_RATE`` mails a second, mark. A
delivery found in "sending" after ``NEWSLETTER_SENDING_TIMEOUT`` seconds was
left by a stopped worker: it becomes "unknown" and is never resent by itself.
"""

import copy
import logging
import math
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django_tasks import task

from emails.rendering import site_base_url
from newsletter.models import Delivery, IssueSend, LanguageMode, NewsletterIssuePage
from subscribers.mails import list_unsubscribe_headers, unsubscribe_url
from subscribers.models import Subscriber

logger = logging.getLogger(__name__)

V = Delivery.Version
READER_VERSION = {
    Subscriber.Language.GERMAN: V.GERMAN,
    Subscriber.Language.FRENCH: V.FRENCH,
    Subscriber.Language.BOTH: V.BILINGUAL,
}
# Stands for the reader's own link while a version is rendered once for a whole batch.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/reader/"
WAIT, OTHER = "wait", "other"
UNPUBLISHED = "not sent: the version was unpublished before it went out"


def version_pages(issue):
    """The live, public page of each language version of ``issue``: {"de": page, "fr": page}."""
    family = NewsletterIssuePage.objects.live().filter(translation_key=issue.translation_key)
    public = family.public().select_related("locale")
    return {page.locale.language_code: page for page in public}


def live_versions(pages):
    """The versions that can go out: a language whose page is live, bilingual when both are."""
    live = {code for code in (V.GERMAN, V.FRENCH) if code in pages}
    if len(live) == 2:
        live.add(V.BILINGUAL)
    return live


def fallback(version, live, own_language):
    """What a reader gets when their version is not live and the editor sends the other one."""
    order = {
        V.GERMAN: [V.FRENCH],
        V.FRENCH: [V.GERMAN],
        V.BILINGUAL: [
            own_language,
            *(code for code in (V.GERMAN, V.FRENCH) if code != own_language),
        ],
    }[version]
    return next((code for code in order if code in live), None)


@dataclass
class VersionPlan:
    version: str
    readers: int  # confirmed readers of the list whose version this is, not yet sent to
    live: bool
    other: str | None  # what they get instead, if the editor chooses so


def readers(issue):
    return Subscriber.objects.filter(locale_id=issue.locale_id, state=Subscriber.State.CONFIRMED)


def plan(issue, pages=None):
    """Per version: the list's readers it reaches, not sent to yet, and whether it is live."""
    pages = version_pages(issue) if pages is None else pages
    live = live_versions(pages)
    pending = readers(issue).exclude(
        pk__in=Delivery.objects.filter(send__issue=issue).values("subscriber_id")
    )
    counts = dict(pending.values_list("language").annotate(n=Count("pk")).order_by())
    own = issue.locale.language_code
    return [
        VersionPlan(
            version=READER_VERSION[language],
            readers=counts.get(language, 0),
            live=READER_VERSION[language] in live,
            other=fallback(READER_VERSION[language], live, own),
        )
        for language in (
            Subscriber.Language.GERMAN,
            Subscriber.Language.FRENCH,
            Subscriber.Language.BOTH,
        )
    ]


def queue_issue(issue, user, *, missing=WAIT):
    """Create the deliveries of the readers not sent to yet and start the workers; return how many.

    Readers whose version is not live wait (``missing="wait"``) or get the other
    language (``"other"``). Calling it again creates nothing twice.
    """
    pages = version_pages(issue)
    versions = {entry.version: entry for entry in plan(issue, pages)}
    with transaction.atomic():
        try:
            send, _created = IssueSend.objects.get_or_create(issue=issue, defaults={"user": user})
        except IntegrityError:  # confirmed at the same moment elsewhere
            send = IssueSend.objects.get(issue=issue)
        send = IssueSend.objects.select_for_update().get(pk=send.pk)
        already = Delivery.objects.filter(send=send).values("subscriber_id")
        new = []
        for pk, language in readers(issue).exclude(pk__in=already).values_list("pk", "language"):
            entry = versions[READER_VERSION[language]]
            version = entry.version if entry.live else (entry.other if missing == OTHER else None)
            if version:
                new.append(Delivery(send=send, subscriber_id=pk, version=version))
        Delivery.objects.bulk_create(new, ignore_conflicts=True)
    batches = math.ceil(len(new) / max(settings.NEWSLETTER_SEND_BATCH, 1))
    for _ in range(batches):
        send_deliveries.enqueue(send.pk)
    return len(new)


def progress(send):
    """{version: {state: count}} for the admin, in one query."""
    counts = {version: dict.fromkeys(Delivery.State.values, 0) for version in V.values}
    rows = (
        Delivery.objects.filter(send=send).values_list("version", "state").annotate(n=Count("pk"))
    )
    for version, state, n in rows.order_by():
        counts[version][state] = n
    return counts


def stale():
    """Deliveries in "sending" longer than ``NEWSLETTER_SENDING_TIMEOUT``: their worker stopped."""
    limit = timezone.now() - timedelta(seconds=settings.NEWSLETTER_SENDING_TIMEOUT)
    return Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=limit)


def recover_stale():
    """Deliveries left in "sending" by a stopped worker become "unknown"; return how many."""
    count = stale().update(state=Delivery.State.UNKNOWN, claim="")
    if count:
        logger.warning("%s deliveries left in sending are now unknown", count)
    return count


def resend_unknown(send, delivery_id):
    """An editor's choice to send an unknown delivery again; false when it is not unknown."""
    updated = Delivery.objects.filter(
        pk=delivery_id, send=send, state=Delivery.State.UNKNOWN
    ).update(state=Delivery.State.QUEUED, next_attempt_at=None, claim="")
    if updated:
        send_deliveries.enqueue(send.pk)
    return bool(updated)


def drop_unknown(send, delivery_id):
    return bool(
        Delivery.objects.filter(pk=delivery_id, send=send, state=Delivery.State.UNKNOWN).update(
            state=Delivery.State.DROPPED, finished_at=timezone.now(), claim=""
        )
    )


# Sending -----------------------------------------------------------------------------------------


def list_domain():
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def list_id(issue):
    """``<naumburg-les-ulis.de.example.org>``: the list of the issue's locale."""
    return f"<{settings.NEWSLETTER_LIST_NAME}.{issue.locale.language_code}.{list_domain()}>"


def version_issue(issue, version, pages):
    """The page to render for ``version``: a language's own page alone, or the issue bilingual."""
    if version == V.BILINGUAL:
        page = copy.copy(pages.get(issue.locale.language_code, issue))
        if not page.is_bilingual:
            page.language_mode = LanguageMode.BILINGUAL_STACKED
        return page
    page = copy.copy(pages[version])
    page.language_mode = version
    return page


def render_version(issue, version, pages):
    """The version's mail, with a placeholder for each reader's unsubscribe link."""
    return version_issue(issue, version, pages).render_email(
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER
    )


def reader_message(parts, delivery, issue, base_url, connection):
    subscriber = delivery.subscriber
    own_link = unsubscribe_url(subscriber, base_url)
    message = EmailMultiAlternatives(
        subject=parts.subject,
        body=parts.text.replace(UNSUBSCRIBE_PLACEHOLDER, own_link),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "Message-ID": delivery.message_id,
            "List-Id": list_id(issue),
            "Content-Language": parts.lang,
            "Precedence": "bulk",
            **list_unsubscribe_headers(subscriber, base_url),
        },
        connection=connection,
    )
    message.attach_alternative(parts.html.replace(UNSUBSCRIBE_PLACEHOLDER, own_link), "text/html")
    return message


def smtp_answer(error, address):
    """(code, text) of a refusal, or (None, text) when the server gave no code."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = error.recipients.get(address) or next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        return None, f"{type(error).__name__}: {error}"
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, f"{code} {text}"


def claim(send_id, size):
    """Take up to ``size`` due deliveries of a send for this worker alone."""
    now = timezone.now()
    due = Q(state=Delivery.State.QUEUED) | Q(state=Delivery.State.FAILED, next_attempt_at__lte=now)
    ids = list(
        Delivery.objects.filter(due, send_id=send_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    token = uuid.uuid4().hex
    # Conditional: a delivery another worker took meanwhile is no longer due, and stays theirs.
    Delivery.objects.filter(due, pk__in=ids).update(
        state=Delivery.State.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return list(
        Delivery.objects.filter(claim=token, state=Delivery.State.SENDING)
        .select_related("subscriber__locale")
        .order_by("pk")
    )


def mark(delivery, state, *, code=None, answer="", **fields):
    """Record the outcome, unless the delivery is no longer this worker's."""
    return Delivery.objects.filter(
        pk=delivery.pk,
        claim=delivery.claim,
        state__in=[Delivery.State.SENDING, Delivery.State.UNKNOWN],
    ).update(state=state, smtp_code=code, smtp_answer=answer, **fields)


def mark_sent(delivery):
    return mark(
        delivery,
        Delivery.State.SENT,
        code=250,
        answer="250",
        message_id=delivery.message_id,
        finished_at=timezone.now(),
        claim="",
    )


def mark_temporary(delivery, code, answer):
    """A 4xx answer or a lost connection: retry with backoff, up to the maximum of attempts."""
    if delivery.attempts >= settings.NEWSLETTER_SEND_MAX_ATTEMPTS:
        mark(delivery, Delivery.State.REFUSED, code=code, answer=answer, finished_at=timezone.now())
        return None
    delay = settings.NEWSLETTER_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
    when = timezone.now() + timedelta(seconds=delay)
    mark(delivery, Delivery.State.FAILED, code=code, answer=answer, next_attempt_at=when)
    return when


class Throttle:
    """At most ``rate`` mails a second (0: no limit)."""

    def __init__(self, rate):
        self.interval = 1 / rate if rate and rate > 0 else 0
        self.next = time.monotonic()

    def wait(self):
        if self.interval:
            now = time.monotonic()
            if now < self.next:
                time.sleep(self.next - now)
            self.next = max(now, self.next) + self.interval


def send_batch(send_id):
    """Claim, send and mark one batch of a send; return the number of mails sent."""
    recover_stale()
    send = IssueSend.objects.select_related("issue__locale").filter(pk=send_id).first()
    if send is None:
        return 0
    claimed = claim(send_id, settings.NEWSLETTER_SEND_BATCH)
    if not claimed:
        return 0
    issue = send.issue
    pages = version_pages(issue)
    base_url = site_base_url()
    rendered = {}
    retry_at = []
    sent = 0
    throttle = Throttle(settings.NEWSLETTER_SEND_RATE)
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Send %s: no connection to the mail server: %r", send_id, error)
        for delivery in claimed:
            retry_at.append(mark_temporary(delivery, None, smtp_answer(error, "")[1]))
        _schedule_retry(send_id, retry_at)
        return 0
    try:
        for index, delivery in enumerate(claimed):
            still_reader = Subscriber.objects.filter(
                pk=delivery.subscriber_id, state=Subscriber.State.CONFIRMED
            ).exists()
            if not still_reader:
                mark(delivery, Delivery.State.DROPPED, finished_at=timezone.now(), claim="")
                continue
            if delivery.version not in rendered:
                if delivery.version not in live_versions(pages):
                    # Unpublished since the send was confirmed: nothing goes out, and it says so.
                    mark(
                        delivery,
                        Delivery.State.DROPPED,
                        answer=UNPUBLISHED,
                        claim="",
                        finished_at=timezone.now(),
                    )
                    continue
                rendered[delivery.version] = render_version(issue, delivery.version, pages)
            delivery.message_id = make_msgid(f"issue{issue.pk}.{delivery.pk}", list_domain())
            message = reader_message(
                rendered[delivery.version], delivery, issue, base_url, connection
            )
            throttle.wait()
            try:
                connection.send_messages([message])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
                code, answer = smtp_answer(error, delivery.subscriber.email)
                if code is not None and code >= 500:
                    mark(
                        delivery,
                        Delivery.State.REFUSED,
                        code=code,
                        answer=answer,
                        finished_at=timezone.now(),
                    )
                    delivery.subscriber.stop(answer)
                else:
                    retry_at.append(mark_temporary(delivery, code, answer))
                continue
            except (smtplib.SMTPException, OSError) as error:
                # The connection broke: did this one go out? Nobody knows. Never resent blindly.
                _code, answer = smtp_answer(error, delivery.subscriber.email)
                mark(delivery, Delivery.State.UNKNOWN, answer=answer)
                for rest in claimed[index + 1 :]:
                    retry_at.append(mark_temporary(rest, None, answer))
                break
            mark_sent(delivery)
            sent += 1
    finally:
        connection.close()
    _schedule_retry(send_id, retry_at)
    if Delivery.objects.filter(send_id=send_id, state=Delivery.State.QUEUED).exists():
        send_deliveries.enqueue(send_id)
    return sent


def _schedule_retry(send_id, times):
    times = [when for when in times if when is not None]
    if times:
        send_deliveries.using(run_after=min(times)).enqueue(send_id)


@task(backend="mail", queue_name="mail")
def send_deliveries(send_id):
    """One batch of an issue's deliveries (docs/newsletters-and-embeds.md)."""
    return send_batch(send_id)


def recent_problems(send, limit=200):
    """Failed, refused and unknown deliveries with their answers, for the admin."""
    return list(
        Delivery.objects.filter(
            send=send,
            state__in=[Delivery.State.FAILED, Delivery.State.REFUSED, Delivery.State.UNKNOWN],
        )
        .select_related("subscriber")
        .order_by("state", "subscriber__email")[:limit]
    )
