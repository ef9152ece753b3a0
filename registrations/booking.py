"""Seats and the waiting list, counted by the database under a lock on the event's list.

Every change that can move a seat (registering, cancelling, an organiser's
move) first locks the event's ``RegistrationList`` row (``SELECT … FOR
UPDATE``; SQLite's requests that write hold the database's write lock from
their start, safeguards/sqlite_writes.py), then counts the seats taken in
the database, then writes. So 50 people for 10 seats end as 10 with a seat
and 40 waiting, in the order the database let them in, and one address holds
at most one place (a unique constraint besides).

The mails are tasks on the ``mail`` backend, written in the same transaction:
a mail exists exactly when the change it tells of was committed.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from registrations import tasks
from registrations.models import Availability, Registration, RegistrationList

S = Registration.Status


class RegistrationClosed(Exception):
    """Past the deadline, turned off, or full without a waiting list."""


@dataclass
class Outcome:
    registration: Registration
    created: bool  # False: the address was registered already, and got its mail again


def locked(registration_list):
    return RegistrationList.objects.select_for_update().get(pk=registration_list.pk)


def seats_taken(registration_list):
    return registration_list.registrations.filter(status=S.CONFIRMED).count()


def register(registration_list, *, base_url, **fields):
    """Book a seat, or a place on the waiting list; the same address only once.

    An address already on the list is sent its confirmation again, and the
    caller answers as for a new registration, so that nobody learns who is
    registered.
    """
    email = Registration.normalise(fields.pop("email"))
    with transaction.atomic():
        registration_list = locked(registration_list)
        existing = (
            registration_list.registrations.filter(email=email).exclude(status=S.CANCELLED).first()
        )
        if existing is not None:
            tasks.send_registration_mail.enqueue(existing.pk, tasks.AGAIN, base_url)
            return Outcome(existing, created=False)
        availability = Availability.of_rules(
            registration_list, confirmed=seats_taken(registration_list)
        )
        if not availability.is_open:
            raise RegistrationClosed
        status = S.WAITING if availability.full else S.CONFIRMED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    registration_list=registration_list, email=email, status=status, **fields
                )
        except (
            IntegrityError
        ):  # the lock makes this unreachable; the constraint stays the last word
            existing = registration_list.registrations.get(
                email=email, status__in=[S.CONFIRMED, S.WAITING]
            )
            return Outcome(existing, created=False)
        kind = tasks.WAITING if status == S.WAITING else tasks.CONFIRMED
        tasks.send_registration_mail.enqueue(registration.pk, kind, base_url)
    return Outcome(registration, created=True)


def fill_free_seats(registration_list, base_url):
    """Move people up from the waiting list while seats are free; tell each of them."""
    waiting = registration_list.registrations.filter(status=S.WAITING).order_by("pk")
    if registration_list.capacity is not None:
        free = registration_list.capacity - seats_taken(registration_list)
        waiting = waiting[: max(free, 0)]
    moved = list(waiting)
    now = timezone.now()
    for registration in moved:
        registration.status = S.CONFIRMED
        registration.moved_up_at = now
        registration.save(update_fields=["status", "moved_up_at"])
        tasks.send_registration_mail.enqueue(registration.pk, tasks.MOVED_UP, base_url)
    return moved


def cancel(registration, *, by, base_url):
    """Free the place; the first people waiting move up. False when it was cancelled already."""
    with transaction.atomic():
        registration_list = locked(registration.registration_list)
        registration = Registration.objects.select_related("registration_list").get(
            pk=registration.pk
        )
        if registration.status == S.CANCELLED:
            return False
        registration.status = S.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancelled_by = by
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        kind = (
            tasks.CANCELLED
            if by == Registration.CancelledBy.REGISTRANT
            else tasks.CANCELLED_BY_ORGANISER
        )
        tasks.send_registration_mail.enqueue(registration.pk, kind, base_url)
        if registration_list.starts_at > timezone.now():
            fill_free_seats(registration_list, base_url)
    return True


def move_up(registration, *, base_url):
    """An organiser gives a waiting person a seat, also beyond the seats set on the page."""
    with transaction.atomic():
        locked(registration.registration_list)
        updated = Registration.objects.filter(pk=registration.pk, status=S.WAITING).update(
            status=S.CONFIRMED, moved_up_at=timezone.now()
        )
        if updated:
            tasks.send_registration_mail.enqueue(registration.pk, tasks.MOVED_UP, base_url)
    return bool(updated)
