"""Slugs of translated pages: made from the translated title, never by a machine, kept once live.

wagtail-localize offers a page's slug as a text to translate like any other,
so machine translation sent it to DeepL or LibreTranslate and stored what came
back: the French page's address read ``/fr/.../fr-delegationsreise-nach-les-ulis-…/``,
and stayed so after the editor corrected the French title.

Here:

- machine translation never sends a slug (``without_slugs``); the translator
  gets every other text as before;
- while the translated page has never been published, its slug follows its
  translated title: whenever the title's translation is saved (by a person, a
  machine, a PO file), the slug's translation becomes ``slugify(title)``,
  unless someone typed a slug of their own, one that is not made from the
  previous title (``follow_title``);
- from the first publication on the slug stays as it is; a later change is an
  editor's decision, and Wagtail's automatic redirects keep old links working.
"""

from django.db.models.signals import post_save, pre_save
from django.utils.text import slugify
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationContext

SLUG_PATH = "slug"
TITLE_PATH = "title"
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length


def slug_of(title):
    return slugify(title or "")[:SLUG_MAX_LENGTH].strip("-")


def slug_texts(source):
    """The source texts that occur in this translation source only as a page's slug."""
    segments = StringSegment.objects.filter(source=source).values_list(
        "context__path", "string__data"
    )
    slugs, others = set(), set()
    for path, text in segments:
        (slugs if path == SLUG_PATH else others).add(text)
    return slugs - others


class WithoutSlugs:
    """A machine translator that sends everything but the slug texts to the wrapped one."""

    def __init__(self, translator, skipped):
        self.translator = translator
        self.skipped = skipped

    def __getattr__(self, name):
        return getattr(self.translator, name)

    def translate(self, source_locale, target_locale, strings):
        wanted = [string for string in strings if string.data not in self.skipped]
        if not wanted:
            if hasattr(self.translator, "reset_report"):
                self.translator.reset_report(0)
            return {}
        return self.translator.translate(source_locale, target_locale, wanted)


def without_slugs(translator, source):
    return WithoutSlugs(translator, slug_texts(source))


def _published_before(context, locale_id):
    """Whether the page this title belongs to has been published in that language."""
    return Page.objects.filter(
        translation_key=context.object_id,
        locale_id=locale_id,
        first_published_at__isnull=False,
    ).exists()


def remember_previous_title(sender, instance, **kwargs):
    instance._previous_title = None
    if instance.pk and instance.context_id:
        instance._previous_title = (
            StringTranslation.objects.filter(pk=instance.pk).values_list("data", flat=True).first()
        )


def follow_title(sender, instance, raw=False, **kwargs):
    """``post_save`` of a text: a title's translation sets the slug's, until published."""
    if raw or instance.context_id is None:
        return
    context = instance.context
    if context.path != TITLE_PATH:
        return
    slug_context = TranslationContext.objects.filter(
        object_id=context.object_id, path=SLUG_PATH
    ).first()
    if slug_context is None or _published_before(context, instance.locale_id):
        return
    segment = (
        StringSegment.objects.filter(context=slug_context)
        .order_by("-source__last_updated_at")
        .select_related("string")
        .first()
    )
    if segment is None:
        return
    slug = slug_of(instance.data)
    if not slug:
        return
    current = StringTranslation.objects.filter(
        translation_of=segment.string, locale_id=instance.locale_id, context=slug_context
    ).first()
    if current is not None:
        previous = getattr(instance, "_previous_title", None)
        derived = {slug_of(previous), slug_of(segment.string.data)}
        typed_by_a_person = (
            current.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
            and current.data not in derived
        )
        if typed_by_a_person or current.data == slug:
            return
        current.data = slug
        current.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        current.tool_name = ""
        current.last_translated_by = instance.last_translated_by
        current.has_error = False
        current.field_error = ""
        current.save()
        return
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale_id=instance.locale_id,
        context=slug_context,
        data=slug,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        last_translated_by=instance.last_translated_by,
    )


def connect():
    pre_save.connect(remember_previous_title, sender=StringTranslation)
    post_save.connect(follow_title, sender=StringTranslation)
