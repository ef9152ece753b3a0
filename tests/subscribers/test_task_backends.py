"""Wagtail's own tasks run at once on "default"; mail waits for the worker on "mail"."""

from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

from subscribers.tasks import send_confirmation


def test_wagtails_default_backend_needs_no_worker():
    assert isinstance(task_backends["default"], ImmediateBackend)


def test_mail_has_its_own_database_backend_and_queue():
    assert isinstance(task_backends["mail"], DatabaseBackend)
    assert send_confirmation.backend == "mail"
    assert send_confirmation.queue_name == "mail"
