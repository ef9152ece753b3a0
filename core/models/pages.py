"""What every content page and every section index has in common."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.feeds import FeedRoutesMixin
from core.models.links import in_sort_order
from core.renditions import rendition
from emails.routes import PageEmailMixin
from embeds.routes import EmbedRoutesMixin
from pagecache.privacy import may_view, under_restriction
from pagecache.routing import RememberedPrivacyMixin
from safetext.single_line import SingleLineFieldsMixin
from translation.models import MachineTranslationNoticeMixin
from translation.permissions import language_name

FEED_LENGTH = 20
# What a link to a page needs: its title and URL (``get_url`` reads ``url_path``),
# where it sits in the tree, and which page it translates. Lists of links load
# only these (``.only()``): each column more is compiled, read and set per row.
LINK_FIELDS = ("title", "url_path", "path", "depth", "translation_key", "locale_id")
# What every teaser card shows (core/includes/teaser_card.html) beside its link; each
# content model adds the fields of its line of facts (``teaser_fields``, for ``teaser_meta``).
TEASER_FIELDS = (*LINK_FIELDS, "live", "first_published_at", "summary", "teaser_image")
SOCIAL_RENDITION = "fill-1200x630|format-jpeg"
_SOCIAL_FILTER = Filter(spec=SOCIAL_RENDITION)
TEASER_RENDITIONS = [
    "fill-480x270|format-avif",
    "fill-480x270|format-webp",
    "fill-480x270|format-jpeg",
]


def shown_when_used(compute):
    """A context value that is computed where the template first uses it, and kept.

    Django's templates call callables they meet. The related records and pages
    of a content page are read only if its article is rendered, not when it
    comes from the fragment cache (pagecache/templatetags/page_fragments.py).
    """
    return functools.cache(compute)


def teasers(queryset, private=None, *, images=True):
    """Live, public pages with what a teaser card shows, in a fixed number of queries.

    Public: no privacy setting on the page or above it (``under_restriction()``,
    inside the same query; ``public()`` reads every view restriction first, a
    query of its own). Two queries: the pages with their images, the renditions.
    ``private`` is a ``private_q()`` a caller already has.
    ``images=False`` leaves the teaser images to ``attach_images()``, for a page
    that shows several lists.
    """
    queryset = queryset.live()
    queryset = (
        queryset.exclude(under_restriction()) if private is None else queryset.exclude(private)
    )
    if not images:
        return queryset
    # The images come with the pages (one JOIN), their renditions in one more query,
    # where Wagtail's image finds them (``prefetched_renditions``).
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=TEASER_RENDITIONS)
    )
    return queryset.select_related("teaser_image").prefetch_related(
        Prefetch("teaser_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def teaser_columns(queryset):
    """Only the columns a teaser card reads, for lists of cards (home, index pages).

    A content page row has some 40 columns, its body among them; Django compiles,
    reads and sets each one for every row. A field a card reads that is not named
    here costs a query per card, which the index query tests catch.
    """
    return queryset.only(*TEASER_FIELDS, *queryset.model.teaser_fields)


def attach_images(uses, renditions):
    """Give each ``(object, image field)`` of ``uses`` its image, all in one query.

    With the renditions named, in one more: a page that shows teasers of several
    sections and other images pays two queries for all of them, not two a list.
    """
    uses = [(obj, field) for obj, field in uses if getattr(obj, f"{field}_id")]
    wanted = {getattr(obj, f"{field}_id") for obj, field in uses}
    if not wanted:
        return
    found = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(*renditions)
    images = {image.pk: image for image in found}
    for obj, field in uses:
        image = images.get(getattr(obj, f"{field}_id"))
        if image is not None:
            setattr(obj, field, image)


class ViewRestrictionsInOneQueryMixin:
    """Wagtail's privacy check of a page in one query instead of two.

    Wagtail reads the ancestors' ``alias_of`` first and then the restrictions
    of those pages (an alias counts as its source page). The same set of pages
    fits in one subquery on the page's path. Sits after
    ``RememberedPrivacyMixin``, which keeps the answer per page object.
    """

    def get_view_restrictions(self):
        if self.__dict__.get("routed_private") is False:
            # Its index found it with ``under_restriction()``: nothing covers it.
            return PageViewRestriction.objects.none()
        steps = self.steplen
        chain = Page.objects.filter(
            path__in=[self.path[:end] for end in range(steps, len(self.path) + 1, steps)]
        )
        return PageViewRestriction.objects.filter(
            models.Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | models.Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )


class ChildRouteMixin:
    """An index finds its detail page in one query, with the records the page shows.

    Wagtail's walk asks for the child by slug and then for its specific type,
    and the page's template then reads each foreign key on its own. The index
    knows its child model, so it asks once, with ``child_model.route_related``
    and whether a privacy setting covers the page (then, and only then,
    Wagtail's serve hook reads the restrictions).
    Sits between ``RoutablePageMixin`` (whose routes still come first) and
    ``Page``; a slug that is not a child of that type takes Wagtail's walk.
    """

    def route(self, request, path_components):
        if path_components and self.child_model is not None:
            # Slugs are unique among siblings: no ORDER BY (``first()`` would add one,
            # and Django then hashes every selected column to compile it).
            child = next(
                iter(
                    self.child_model.objects.child_of(self)
                    .select_related(*self.child_model.route_related)
                    .annotate(routed_private=under_restriction())
                    .filter(slug=path_components[0])
                    .order_by()[:1]
                ),
                None,
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class PassThroughRouteMixin:
    """A page on the way to a deeper one gets its type, not its fields.

    Wagtail's walk loads every page on a path with all its fields, though a
    page the walk passes through only routes: its type (its ``route()``) and
    its tree fields are all it needs, and Wagtail's ``specific_deferred`` gives
    them without a query. If that page answers the rest of the path itself
    (one of its RoutablePageMixin routes: a feed, a calendar), it is loaded
    whole and routes again, as Wagtail would have. Sits just above ``Page``.
    """

    def route(self, request, path_components):
        if len(path_components) < 2:
            return super().route(request, path_components)
        try:
            child = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist:
            raise Http404 from None
        passing = child.specific_deferred
        passing._cached_parent_obj = self
        result = passing.route(request, path_components[1:])
        if result[0] is passing:
            page = child.specific
            page._cached_parent_obj = self
            return page.route(request, path_components[1:])
        return result


def breadcrumb_trail(page):
    """The page's ancestors below the root, from the parents its route left on it.

    Wagtail's walk sets each page's parent on it (``_cached_parent_obj``), so a
    routed page knows its trail without ``get_ancestors()``'s query. A page
    whose parents are not all known asks the database, as before.
    """
    trail = []
    current = page
    while current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None:
            return list(page.get_ancestors()[1:])
        trail.append(parent)
        current = parent
    return trail[::-1]


def social_image_url(image, request):
    """An absolute JPEG rendition that link previews and search engines accept.

    The social tags and the JSON-LD both ask for it, so the image (loaded for
    this request) keeps the rendition's URL, and the filter is parsed once.
    """
    if image is None:
        return None
    url = image.__dict__.get("_social_rendition_url")
    if url is None:
        url = image._social_rendition_url = rendition(image, _SOCIAL_FILTER).url
    return request.build_absolute_uri(url)


def bilingual_rows(page, other):
    """The texts of ``page`` beside those of ``other``; without ``other``, the left column only."""
    rows = [{"kind": "title", "left": page.title, "right": other.title if other else None}]
    for name in page.bilingual_fields:
        field = page._meta.get_field(name)
        left, right = getattr(page, name), getattr(other, name) if other else None
        if isinstance(field, StreamField):
            translated = {block.id: block for block in right or ()}
            for block in left:
                rows.append({"kind": "block", "left": block, "right": translated.get(block.id)})
        elif left or right:
            rows.append(
                {
                    "kind": "rich" if isinstance(field, RichTextField) else "text",
                    "label": field.verbose_name,
                    "left": left,
                    "right": right,
                }
            )
    return rows


class ContentPage(
    SingleLineFieldsMixin,
    MachineTranslationNoticeMixin,
    RememberedPrivacyMixin,
    ViewRestrictionsInOneQueryMixin,
    PageEmailMixin,
    EmbedRoutesMixin,
    RoutablePageMixin,
    Page,
):
    """A report, workshop, exhibition or exchange: teaser fields plus a free body."""

    # The fields its teaser card's line of facts reads (``teaser_meta``), for ``teaser_columns``.
    teaser_fields = ()

    summary = models.TextField(
        _("Summary"),
        help_text=_("Two or three sentences. Shown in listings, search results and newsletters."),
    )
    teaser_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Teaser image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An image has one title and one description, in whichever language it was
    # uploaded; the alt text of the page's own use of it is the page's, and so
    # a segment of its translation.
    teaser_image_alt = models.CharField(
        _("Alt text of the teaser image"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it, in this page's language. "
            "Leave it empty if the image adds nothing to the title."
        ),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Body"), blank=True)
    contact_person = models.ForeignKey(
        "partnership.ContactPerson",
        verbose_name=_("Contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    teaser_panels = [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("teaser_image"), FieldPanel("teaser_image_alt")],
            heading=_("Teaser"),
        )
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    # Child relations shown on the page, with the records each row needs.
    link_relations = {}
    # The foreign keys the page shows, read with the page when its index routes to it;
    # its locale is the request's, which the chrome then need not ask for (``active_locale``).
    route_related = (
        "locale",
        "teaser_image",
        "contact_person__organisation",
        "contact_person__photo",
    )
    # The texts the bilingual reading view sets side by side, in order.
    bilingual_fields = ("summary", "body")

    class Meta:
        abstract = True

    structured_data_type = "Article"

    def structured_data(self, request):
        """schema.org data for search engines; page types add what they know."""
        url = request.build_absolute_uri(self.get_url(request))
        data = {
            "@context": "https://schema.org",
            "@type": self.structured_data_type,
            "name": self.title,
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "inLanguage": self.locale.language_code,
            "datePublished": self.first_published_at.isoformat()
            if self.first_published_at
            else None,
            "dateModified": self.last_published_at.isoformat() if self.last_published_at else None,
        }
        image = social_image_url(self.teaser_image, request)
        if image:
            data["image"] = image
        return {key: value for key, value in data.items() if value is not None}

    def clean(self):
        """Chosen records must be in the page's language, or visitors read the other one.

        Wagtail's choosers list every language, so an editor can pick the German
        record for a French page by mistake; wagtail-localize itself re-points
        the links when it translates a page.
        """
        super().clean()
        errors = {}
        for field in self._meta.get_fields():
            if (
                field.many_to_one
                and issubclass(field.related_model, TranslatableMixin)
                and not issubclass(field.related_model, Page)
            ):
                # None, not an error, while a required record is not chosen yet.
                record = getattr(self, field.name, None)
                if record is not None and self.locale_id and record.locale_id != self.locale_id:
                    errors[field.name] = self._wrong_language(record)
        for relation in self.link_relations:
            for link in getattr(self, relation).all():
                for field in link._meta.get_fields():
                    if field.many_to_one and issubclass(field.related_model, TranslatableMixin):
                        record = getattr(link, field.name, None)
                        if (
                            record is not None
                            and not isinstance(record, Page)
                            and self.locale_id
                            and record.locale_id != self.locale_id
                        ):
                            errors.setdefault("__all__", []).append(self._wrong_language(record))
        if errors:
            raise ValidationError(errors)

    def _wrong_language(self, record):
        return _("“%(record)s” is in another language: choose its %(language)s version.") % {
            "record": record,
            "language": self.locale.get_display_name(),
        }

    def live_translation(self):
        """The page in the other language, if it is published, private or not.

        Whoever shows it must ask ``pagecache.privacy.may_view`` first.
        """
        return self.get_translations().live().select_related("locale").specific().first()

    def get_cached_paths(self):
        """Every URL a frontend cache may hold for this page, routes and renderings included."""
        return [*super().get_cached_paths(), "bilingual/"]

    @path("bilingual/", name="bilingual")
    def bilingual(self, request):
        """Both language versions side by side, aligned block by block.

        wagtail-localize keeps the ids of StreamField blocks in translations, so
        each block meets its own translation; other texts are paired by field.
        A translation the visitor may not open (its privacy settings, or those of a
        page above it) leaves its column out, and the view says why.
        """
        other = self.live_translation()
        if other is None:
            raise Http404
        withheld = None
        if not may_view(other, request):
            withheld, other = other.locale, None
        return self.render(
            request,
            template="core/bilingual.html",
            context_overrides={
                "other": other,
                "withheld_language": withheld and language_name(withheld),
                "rows": bilingual_rows(self, other),
            },
        )

    @cached_property
    def links(self):
        """The rows of each of ``link_relations``, with their records, read once."""
        links = {}
        for name, related in self.link_relations.items():
            rows = getattr(self, name).all()
            # Not ``select_related()`` without names: that follows every foreign key.
            links[name] = in_sort_order(rows.select_related(*related) if related else rows)
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["links"] = shown_when_used(lambda: self.links)
        # More of the article fragment's key, for a page whose article changes without a publish.
        context.setdefault("fragment_key", "")
        return context

    def pages_in_language(self, page_ids):
        """The pages ``page_ids`` in the visitor's language: the live translation, else the page.

        Only public pages: where the version in this language is private, the
        page as linked stands in, or else its public version in another
        language; a page with no public version is left out. Every visitor of
        this page sees the same list (it is part of the article, kept in the
        fragment cache).

        One query, for the linked pages (whatever their state) and every live
        version of them, with what a link shows (core/includes/page_link.html,
        the mails' page_links.mjml). It takes ids, so that a page need not load
        the pages it links to, with all their fields, to learn their translation keys.
        """
        ids = [pk for pk in page_ids if pk is not None]
        if not ids:
            return []
        linked = Page.objects.filter(pk__in=ids)
        rows = (
            Page.objects.filter(
                models.Q(pk__in=ids)
                | models.Q(live=True, translation_key__in=linked.values("translation_key"))
            )
            .annotate(private=under_restriction())
            .select_related("locale")
            .only(*LINK_FIELDS, "live", "locale__language_code")
            .order_by()  # sorted below, by the links' order
        )
        pages, versions = {}, {}
        for row in rows:
            if row.pk in ids:
                pages[row.pk] = row
            if row.live and not row.private:
                versions.setdefault(row.translation_key, {})[row.locale_id] = row
        shown = []
        for page in (pages[pk] for pk in ids if pk in pages):
            public = versions.get(page.translation_key, {})
            if self.locale_id in public:
                shown.append(public[self.locale_id])
            elif page.locale_id in public:
                shown.append(public[page.locale_id])  # the page itself, as a link needs it
            elif public:
                shown.append(next(iter(public.values())))
        return shown


class IndexFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    town = forms.ChoiceField(label=_("Town"), required=False)

    def __init__(self, data, *, years, towns):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["town"].choices = [("", _("All towns"))] + towns


class IndexPage(
    SingleLineFieldsMixin,
    MachineTranslationNoticeMixin,
    RememberedPrivacyMixin,
    ViewRestrictionsInOneQueryMixin,
    FeedRoutesMixin,
    RoutablePageMixin,
    ChildRouteMixin,
    Page,
):
    """A section listing its children of one type, filterable by year and town.

    Subclasses name the child model, the date field that gives the year, the
    fields that name a town, and their ordering. The listing costs the same
    number of queries whatever the number of children.
    """

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    per_page = 12
    child_model = None
    year_field = None
    town_fields = ()
    related_fields = ()

    class Meta:
        abstract = True

    def children(self):
        """The live children in this index, with what their teasers need."""
        return teaser_columns(
            teasers(self.child_model.objects.child_of(self)).select_related(*self.related_fields)
        )

    def order(self, items):
        return items.order_by(f"-{self.year_field}")

    def year_choices(self, items):
        years = items.values_list(f"{self.year_field}__year", flat=True).distinct()
        return sorted({year for year in years if year}, reverse=True)

    def town_choices(self, items):
        towns = {}
        for field in self.town_fields:
            if self._is_relation(field):
                rows = items.exclude(**{f"{field}__isnull": True}).values_list(
                    field, f"{field}__name"
                )
            else:
                rows = items.exclude(**{field: ""}).values_list(field, field)
            towns.update((str(value), label) for value, label in rows.distinct())
        return sorted(towns.items(), key=lambda choice: choice[1])

    def filter_by_town(self, items, town):
        lookups = models.Q()
        for field in self.town_fields:
            lookups |= models.Q(**{field: town})
        return items.filter(lookups).distinct()

    def _is_relation(self, field):
        name = field.split("__")[0]
        return self.child_model._meta.get_field(name).is_relation

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.children()
        form = IndexFilterForm(
            request.GET or None,
            years=self.year_choices(items),
            towns=self.town_choices(items),
        )
        if form.is_bound and form.is_valid():
            if form.cleaned_data["year"]:
                items = items.filter(**{f"{self.year_field}__year": form.cleaned_data["year"]})
            if form.cleaned_data["town"]:
                items = self.filter_by_town(items, form.cleaned_data["town"])

        paginator = Paginator(self.order(items), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            items=page_obj,
            paginator=paginator,
            filters_applied=form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        )
        return context

    def feed_items(self):
        return (
            teasers(self.child_model.objects.child_of(self))
            .select_related(*self.related_fields)
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def serve(self, request, *args, **kwargs):
        """Answer a bad filter with 400 and the form's message, not a broken page."""
        response = super().serve(request, *args, **kwargs)
        form = getattr(response, "context_data", {}).get("filter_form")
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response
