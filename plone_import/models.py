"""What the Plone import wrote, so that a second run updates instead of creating twice."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """One Plone item and the Wagtail page, image or document it became.

    ``digest`` is a hash of the Plone item as it was imported: a newer export
    with the same digest changes nothing. ``revision_id`` is the page revision
    the import wrote: if the page has a newer one, someone edited it in Wagtail
    since, and the import leaves it alone.
    """

    plone_uid = models.CharField(_("Plone UID"), max_length=80, unique=True)
    plone_path = models.CharField(_("Plone path"), max_length=1000)
    plone_type = models.CharField(_("Plone type"), max_length=80)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("Content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("Object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(_("Hash of the imported item"), max_length=64)
    revision_id = models.PositiveBigIntegerField(_("Revision written by the import"), null=True)
    imported_at = models.DateTimeField(_("Imported at"), auto_now=True)

    class Meta:
        verbose_name = _("Imported Plone item")
        verbose_name_plural = _("Imported Plone items")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.plone_path

    def target(self):
        """The object it became, or None if it was deleted in Wagtail since."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
