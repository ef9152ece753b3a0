"""Keep each event's list in step with the live version of its source page."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from registrations import rules


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and rules.takes_registrations(instance.specific_class):
        rules.sync_list(instance.translation_key)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and rules.takes_registrations(type(instance)):
        rules.sync_list(instance.translation_key, gone=instance.pk)


def connect():
    page_published.connect(page_changed, dispatch_uid="registrations-sync-published")
    page_unpublished.connect(page_changed, dispatch_uid="registrations-sync-unpublished")
    post_delete.connect(page_deleted, dispatch_uid="registrations-sync-deleted")
