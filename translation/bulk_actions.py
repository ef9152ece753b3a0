"""Bulk actions in the page listing: submit pages for translation, sync their translations.

Both reuse wagtail-localize's own operations (``TranslationCreator``, in the
form ``translation.creation`` gives it, ``TranslationSource.update_from_db``
and ``Translation.save_target``), so a page translated in bulk is
indistinguishable from one submitted on its own.
What they add is the team rule: they write only into the languages the user's
team writes (``translation.permissions``), whatever page ids are posted, and
never into a page locked for the user (``translation.refusals``). Pages and
languages the user may not act on are left untouched and reported.
"""

import contextlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import get_language_info, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from translation.creation import TranslationCreator, notices_after
from translation.overrides import flag_broken_overrides
from translation.permissions import user_can_write_locale, writable_locale_ids
from translation.refusals import linked_records_refusal, lock_for
from translation.separately import is_translated_separately

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"


def language_name(locale):
    """The language's name in the admin language ("Französisch", "Allemand")."""
    return str(get_language_info(locale.language_code)["name_translated"])


def language_list(locales):
    return ", ".join(sorted(language_name(locale) for locale in locales))


class LocaleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return language_name(obj)


class TranslationBulkAction(PageBulkAction):
    """Shared ground: only for users who may submit translations; every outcome is reported.

    ``report`` counts outcomes by key; ``SUCCESS`` and ``WARNINGS`` map keys to
    plural messages taking ``count``.
    """

    SUCCESS = {}
    WARNINGS = {}

    @classmethod
    def is_shown(cls, request):
        """Read by the page listing's footer (``translation_bulk_action_choices``)."""
        return request.user.has_perm(SUBMIT_PERMISSION)

    def dispatch(self, request, *args, **kwargs):
        if not self.is_shown(request):
            raise PermissionDenied
        self.report = Counter()
        return super().dispatch(request, *args, **kwargs)

    def get_actionable_objects(self):
        # Asked for by the form, the context and the action alike: select the pages once.
        if not hasattr(self, "_actionable"):
            self._actionable = self.sort_out(*super().get_actionable_objects())
        return self._actionable

    def sort_out(self, pages, extra):
        """Split further the pages that ``check_perm`` let through."""
        return pages, extra

    def get_form_kwargs(self):
        pages, _without_access = self.get_actionable_objects()
        return {**super().get_form_kwargs(), "user": self.request.user, "pages": pages}

    def get_execution_context(self):
        return {**super().get_execution_context(), "report": self.report}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return None  # form_valid reports, with more detail than two counts

    def form_valid(self, form):
        response = super().form_valid(form)
        for level, texts in ((messages.success, self.SUCCESS), (messages.warning, self.WARNINGS)):
            for key, text in texts.items():
                if self.report[key]:
                    level(self.request, self.render_message(text, self.report[key]))
        for message in self.extra_warnings():
            messages.warning(self.request, message)
        return response

    def render_message(self, text, count):
        return text % {"count": count}

    def extra_warnings(self):
        return []


# Submit for translation


class SubmitTranslationForm(forms.Form):
    locales = LocaleChoiceField(
        label=_("Languages"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    include_subtree = forms.BooleanField(
        label=_("Include subpages"),
        help_text=_("Also create the translations of every page below the selected pages."),
        required=False,
    )

    def __init__(self, *args, user, pages, **kwargs):
        super().__init__(*args, **kwargs)
        own_locales = {page.locale_id for page in pages}
        # A language is offered when at least one selected page is in another one.
        excluded = own_locales if len(own_locales) == 1 else set()
        queryset = Locale.objects.filter(pk__in=writable_locale_ids(user) - excluded)
        self.fields["locales"].queryset = queryset
        if len(queryset) == 1:
            self.fields["locales"].initial = list(queryset)


class SubmitTranslationBulkAction(TranslationBulkAction):
    """Create the missing translations of the selected pages.

    A page that already has a translation into a chosen language keeps it
    untouched and is reported: "Sync translations" is the action that updates
    existing translations. Pages go parents first, so that a child lands under
    its parent's new translation; a page whose parent has no translation at
    all is skipped rather than placed under a live alias of the parent, which
    is what wagtail-localize would otherwise create.
    """

    display_name = _("Submit for translation")
    aria_label = _("Submit the selected pages for translation")
    action_type = "submit_translation"
    template_name = "translation/bulk_actions/confirm_submit_translation.html"
    action_priority = 60
    form_class = SubmitTranslationForm

    SUCCESS = {
        "submitted": ngettext_lazy(
            "%(count)d page was submitted for translation (%(languages)s).",
            "%(count)d pages were submitted for translation (%(languages)s).",
            "count",
        ),
    }
    WARNINGS = {
        "existing": ngettext_lazy(
            "%(count)d translation already existed and was left unchanged; "
            "use “Sync translations” to update it.",
            "%(count)d translations already existed and were left unchanged; "
            "use “Sync translations” to update them.",
            "count",
        ),
        "written_separately": ngettext_lazy(
            "%(count)d page is written separately in each language and was not translated.",
            "%(count)d pages are written separately in each language and were not translated.",
            "count",
        ),
        "same_language": ngettext_lazy(
            "%(count)d page is already in the chosen language and was skipped.",
            "%(count)d pages are already in the chosen language and were skipped.",
            "count",
        ),
        "parent_missing": ngettext_lazy(
            "%(count)d translation was not created because its parent page has no translation "
            "into that language yet. Translate the parent page first, or select it too.",
            "%(count)d translations were not created because their parent pages have no "
            "translation into that language yet. Translate the parent pages first, or select "
            "them too.",
            "count",
        ),
        "not_allowed": ngettext_lazy(
            "Not allowed: %(count)d translation was not created because you may not add pages "
            "at its place in that language's tree.",
            "Not allowed: %(count)d translations were not created because you may not add pages "
            "at their place in that language's tree.",
            "count",
        ),
        "records_not_allowed": ngettext_lazy(
            "Not allowed: %(count)d translation was not created because it would add records "
            "of a kind you may not add, such as the contact people the page links to.",
            "Not allowed: %(count)d translations were not created because they would add records "
            "of a kind you may not add, such as the contact people the pages link to.",
            "count",
        ),
        "locked": ngettext_lazy(
            "%(count)d translation was not created because its page in that language is locked.",
            "%(count)d translations were not created because their pages in that language are "
            "locked.",
            "count",
        ),
        "failed": ngettext_lazy(
            "%(count)d translation could not be saved.",
            "%(count)d translations could not be saved.",
            "count",
        ),
    }

    def check_perm(self, page):
        other_locales = writable_locale_ids(self.request.user) - {page.locale_id}
        return not page.is_root() and bool(other_locales)

    def post(self, request, *args, **kwargs):
        # ASCII digits only: "²".isdigit() is true, but int("²") fails. Ids no
        # column can hold match nothing (safeguards/lookups.py).
        posted = [
            value
            for value in request.POST.getlist("locales")
            if value.isascii() and value.isdigit()
        ]
        forbidden = Locale.objects.filter(pk__in=posted).exclude(
            pk__in=writable_locale_ids(request.user)
        )
        if forbidden:
            messages.error(
                request,
                _("Not allowed: %(languages)s is edited by another team. Nothing was created.")
                % {"languages": language_list(forbidden)},
            )
            return redirect(self.next_url)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = [entry["item"] for entry in context["items"]]
        existing = defaultdict(set)
        translated = Page.objects.filter(
            translation_key__in={page.translation_key for page in pages}, alias_of__isnull=True
        ).values_list("translation_key", "locale_id")
        for key, locale_id in translated:
            existing[key].add(locale_id)
        locales = Locale.objects.in_bulk()
        for entry in context["items"]:
            page = entry["item"]
            entry["translated_into"] = language_list(
                locales[pk] for pk in existing[page.translation_key] - {page.locale_id}
            )
        return context

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {
            **super().get_execution_context(),
            "locales": list(data["locales"]),
            "include_subtree": data["include_subtree"],
        }

    @classmethod
    def execute_action(cls, objects, user=None, report=None, locales=(), include_subtree=False):
        pages = {page.pk: page for page in objects}
        if include_subtree:
            for page in objects:
                pages.update((child.pk, child) for child in page.get_descendants())
        ordered = sorted(pages.values(), key=lambda page: page.path)  # parents first
        submitted, new_parents = set(), set()
        for locale in locales:
            submitter = PageSubmitter(user, locale, report)
            for page in ordered:
                target_parent = submitter.submit(page)
                if target_parent is not None:
                    submitted.add(page.pk)
                    new_parents.add(target_parent.pk)
            for kept in submitter.creator.kept:
                report[("kept", kept)] += 1
        if new_parents:
            transaction.on_commit(partial(recount_children, new_parents))
        report["submitted"] = len(submitted)
        return len(submitted), 0

    def render_message(self, text, count):
        languages = language_list(self.cleaned_form.cleaned_data["locales"])
        return text % {"count": count, "languages": languages}

    def extra_warnings(self):
        return notices_after([key[1] for key in self.report if type(key) is tuple])


class PageSubmitter:
    """Submits pages for translation into one locale, checking where each new page goes."""

    def __init__(self, user, locale, report):
        self.user = user
        self.locale = locale
        self.report = report
        self.creator = TranslationCreator(user, [locale])

    def submit(self, page):
        """Translate ``page``; return the parent of its new translation, or None if skipped."""
        if page.locale_id == self.locale.pk:
            self.report["same_language"] += 1
            return None
        if is_translated_separately(page):
            self.report["written_separately"] += 1
            return None
        if self._translation(page.translation_key, aliases=False):
            self.report["existing"] += 1
            return None
        alias = self._translation(page.translation_key, aliases=True)
        if alias is not None and lock_for(self.user, alias):  # the translation would replace it
            self.report["locked"] += 1
            return None
        parent = page.get_parent()
        if parent.is_root():
            target_parent = parent
        else:
            target_parent = self._translation(parent.translation_key, aliases=True)
            if target_parent is None:
                self.report["parent_missing"] += 1
                return None
        if not target_parent.permissions_for_user(self.user).can_add_subpage():
            self.report["not_allowed"] += 1
            return None
        if linked_records_refusal(self.user, page.specific, self.locale):
            self.report["records_not_allowed"] += 1
            return None

        self.creator.create_translations(page.specific)
        # TranslationCreator swallows validation errors: check that the page exists.
        if self._translation(page.translation_key, aliases=False) is None:
            self.report["failed"] += 1
            return None
        return target_parent

    def _translation(self, translation_key, *, aliases):
        pages = Page.objects.filter(translation_key=translation_key, locale=self.locale)
        if not aliases:
            pages = pages.filter(alias_of__isnull=True)
        return pages.first()


def recount_children(page_ids):
    """Set ``numchild`` from the tree itself, after wagtail-localize's deferred publishes.

    wagtail-localize publishes a new translation on commit, from the page
    instance it saved. When a child was added under that page later in the
    same request (a parent and its child translated together), that publish
    writes the old ``numchild`` back. Registered last, this runs after it.
    """
    for page in Page.objects.filter(pk__in=page_ids):
        # Not get_children(): treebeard answers from numchild, the very count in doubt.
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        Page.objects.filter(pk=page.pk).update(numchild=children.count())


# Sync translations


@dataclass
class SyncPlan:
    """What syncing one selected page would do, translation by translation."""

    updates: list = field(default_factory=list)  # (translation, target page, may publish)
    other_team: list = field(default_factory=list)  # into languages other teams write
    not_editable: list = field(default_factory=list)  # target pages the user may not edit
    locked: list = field(default_factory=list)  # target pages locked for the user
    missing: list = field(default_factory=list)  # target pages that were deleted

    @property
    def update_languages(self):
        return language_list(translation.target_locale for translation, _t, _p in self.updates)

    @property
    def other_team_languages(self):
        return language_list(translation.target_locale for translation in self.other_team)


def plan_sync(pages, user):
    """Map each page's id to its ``SyncPlan``, in a fixed number of queries.

    A selected page is either a wagtail-localize source (its translations are
    synced) or a translation (it is synced from its source); a page that is
    neither gets no plan.
    """
    keys = {page.translation_key for page in pages}
    translations = list(
        Translation.objects.filter(source__object_id__in=keys, enabled=True).select_related(
            "source", "target_locale"
        )
    )
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in=keys,
            locale_id__in={translation.target_locale_id for translation in translations},
        )
        # What the pages' locks read, as in Wagtail's page listing.
        .annotate_approved_schedule()
        .prefetch_workflow_states()
    }
    plans = {}
    for page in pages:
        related = [t for t in translations if t.source.object_id == page.translation_key]
        chosen = [t for t in related if t.source.locale_id == page.locale_id] or [
            t for t in related if t.target_locale_id == page.locale_id
        ]
        if not chosen:
            continue
        plan = plans[page.pk] = SyncPlan()
        for translation in chosen:
            target = targets.get((page.translation_key, translation.target_locale_id))
            if not user_can_write_locale(user, translation.target_locale_id):
                plan.other_team.append(translation)
            elif target is None:
                plan.missing.append(translation)
            else:
                permissions = target.permissions_for_user(user)
                if not permissions.can_edit():
                    plan.not_editable.append(translation)
                elif lock_for(user, target):
                    plan.locked.append(translation)
                else:
                    plan.updates.append((translation, target, permissions.can_publish()))
    return plans


def report_refusals(plan, report):
    """Count what syncing a page leaves alone; the languages of other teams one by one."""
    if plan is None:
        report["unsynced"] += 1
        return
    for translation in plan.other_team:
        report[("other_team", translation.target_locale)] += 1
    report["not_editable"] += len(plan.not_editable)
    report["locked"] += len(plan.locked)
    report["missing"] += len(plan.missing)


class SyncTranslationsForm(forms.Form):
    publish = forms.BooleanField(
        label=_("Publish the updated translations"),
        help_text=_(
            "Otherwise the translation editor shows the changes, and the published translations "
            "stay as they are until they are published from there."
        ),
        required=False,
    )

    def __init__(self, *args, user, pages, **kwargs):
        super().__init__(*args, **kwargs)
        may_publish = any(
            may for page in pages for _translation, _target, may in page.sync_plan.updates
        )
        if not may_publish:
            del self.fields["publish"]


class SyncTranslationsBulkAction(TranslationBulkAction):
    """Bring the translations of the selected pages up to date with their sources.

    Like wagtail-localize's "Sync translated pages", but for many pages at once
    and only into the languages the user's team writes. Translations into other
    teams' languages are left alone and reported; a page none of whose
    translations the user may update is not touched at all, not even its source.

    Without "publish", this does what wagtail-localize's own view does: it
    updates the source, so the translation editor shows the changes. It does
    not call ``save_target(publish=False)``: on a live page that writes the
    untranslated changes straight into the published page.
    """

    display_name = _("Sync translations")
    aria_label = _("Sync the translations of the selected pages")
    action_type = "sync_translations"
    template_name = "translation/bulk_actions/confirm_sync_translations.html"
    action_priority = 70
    form_class = SyncTranslationsForm

    SUCCESS = {
        "published": ngettext_lazy(
            "%(count)d translation was updated and published.",
            "%(count)d translations were updated and published.",
            "count",
        ),
        "prepared": ngettext_lazy(
            "%(count)d translation now shows the current original in the translation editor; "
            "publish it from there once translated.",
            "%(count)d translations now show the current original in the translation editor; "
            "publish them from there once translated.",
            "count",
        ),
    }
    WARNINGS = {
        "publish_refused": ngettext_lazy(
            "%(count)d translation was not published because you may not publish it.",
            "%(count)d translations were not published because you may not publish them.",
            "count",
        ),
        "not_editable": ngettext_lazy(
            "Not allowed: %(count)d translation was left unchanged because you may not edit "
            "its page.",
            "Not allowed: %(count)d translations were left unchanged because you may not edit "
            "their pages.",
            "count",
        ),
        "locked": ngettext_lazy(
            "%(count)d translation was left unchanged because its page is locked.",
            "%(count)d translations were left unchanged because their pages are locked.",
            "count",
        ),
        "missing": ngettext_lazy(
            "%(count)d translation was skipped because its page has been deleted.",
            "%(count)d translations were skipped because their pages have been deleted.",
            "count",
        ),
        "unsynced": ngettext_lazy(
            "%(count)d page has no translations to sync.",
            "%(count)d pages have no translations to sync.",
            "count",
        ),
        "failed": ngettext_lazy(
            "%(count)d translation could not be saved.",
            "%(count)d translations could not be saved.",
            "count",
        ),
        "overrides_broken": ngettext_lazy(
            "%(count)d translation takes the original's values where values chosen in it no "
            "longer fit; they are marked in the translation editor.",
            "%(count)d translations take the original's values where values chosen in them no "
            "longer fit; they are marked in the translation editor.",
            "count",
        ),
    }
    OTHER_TEAM = ngettext_lazy(
        "Not allowed: %(language)s is edited by another team. "
        "%(count)d translation was left unchanged.",
        "Not allowed: %(language)s is edited by another team. "
        "%(count)d translations were left unchanged.",
        "count",
    )

    def sort_out(self, pages, extra):
        plans = plan_sync(pages, self.request.user)
        for page in pages:
            page.sync_plan = plans.get(page.pk)
        actionable = [page for page in pages if page.sync_plan and page.sync_plan.updates]
        refused = [page for page in pages if page not in actionable]
        return actionable, {"items_with_no_access": extra["items_with_no_access"] + refused}

    def object_context(self, obj):
        return {**super().object_context(obj), "plan": obj.sync_plan}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for entry in context["items_with_no_access"]:
            entry["plan"] = getattr(entry["item"], "sync_plan", None)
        return context

    def prepare_action(self, objects, objects_without_access):
        for page in objects_without_access["items_with_no_access"]:
            report_refusals(getattr(page, "sync_plan", None), self.report)

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "publish": self.cleaned_form.cleaned_data.get("publish", False),
        }

    @classmethod
    def execute_action(cls, objects, user=None, report=None, publish=False):
        work = {}  # source id -> (source, {translation id: (translation, target, may publish)})
        for page in objects:
            report_refusals(page.sync_plan, report)
            for translation, target, may_publish in page.sync_plan.updates:
                _source, updates = work.setdefault(translation.source_id, (translation.source, {}))
                updates[translation.pk] = (translation, target, may_publish)
        # Deepest pages first: no page saved here gains a child after it was
        # saved, so wagtail-localize's deferred publishes keep the tree right.
        ordered = sorted(
            work.values(), key=lambda item: -max(t.depth for _tr, t, _m in item[1].values())
        )
        for source, updates in ordered:
            source.update_from_db()
            for translation, _target, may_publish in updates.values():
                if publish and may_publish:
                    if flag_broken_overrides(translation):
                        report["overrides_broken"] += 1
                    try:
                        with transaction.atomic():
                            translation.save_target(user=user, publish=True)
                    except ValidationError:
                        report["failed"] += 1
                    else:
                        report["published"] += 1
                    continue
                with contextlib.suppress(ValidationError):  # as wagtail-localize does
                    source.update_target_view_restrictions(translation.target_locale)
                report["prepared"] += 1
                if publish:
                    report["publish_refused"] += 1
        return report["published"] + report["prepared"], 0

    def extra_warnings(self):
        other_teams = sorted(
            (key[1].pk, key[1], count) for key, count in self.report.items() if type(key) is tuple
        )
        return [
            self.OTHER_TEAM % {"language": language_name(locale), "count": count}
            for _pk, locale, count in other_teams
        ]
