"""The base of every shared record (snippet) the partnership pages point at."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from safetext.single_line import SingleLineFieldsMixin


class SharedRecord(
    SingleLineFieldsMixin, TranslatableMixin, RevisionMixin, index.Indexed, models.Model
):
    """A translatable snippet with a revision history."""

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions
