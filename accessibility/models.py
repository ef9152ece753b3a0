"""The accessibility statement: one page per town and legal regime, written in its own language.

Its structure is the EU model statement (implementing decision (EU) 2018/1523),
which BITV 2.0 (and the Länder's versions of it) and the RGAA both follow. The
facts are fields, so that the page, the footer's conformity line and the gates'
command (``accessibility_gates``) read the same values; only the explanations
are free text.

The German statement answers for a German body and the French one for a French
body under a different law: they are two pages, not translations of each other
(``translated_separately``, the shared convention for pages written per
language), linked through ``counterpart`` for the language switcher.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import FormMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from accessibility.forms import DATA_FIELDS, FeedbackForm
from pagecache.routing import RememberedPrivacyMixin
from safetext.single_line import SingleLineFieldsMixin


class Regime(models.TextChoices):
    BITV = "bitv", _("Germany: BITV 2.0 or the Land's law (BGG, Land disability equality law)")
    RGAA = "rgaa", _("France: RGAA (article 47 of law no. 2005-102)")


class Conformity(models.TextChoices):
    FULL = "full", _("Fully conformant")
    PARTIAL = "partial", _("Partially conformant")
    NONE = "none", _("Not conformant")


# The RGAA's own wording for the mention on every page (in French whatever the language).
RGAA_MENTION = {
    Conformity.FULL: _("fully conformant"),
    Conformity.PARTIAL: _("partially conformant"),
    Conformity.NONE: _("not conformant"),
}


class Method(models.TextChoices):
    SELF_ASSESSMENT = "self", _("Self-assessment")
    EXTERNAL_AUDIT = "external", _("External audit")


class Enforcement(models.TextChoices):
    BGG_16 = "bgg16", _("Schlichtungsstelle nach § 16 BGG (federal conciliation body)")
    LAND = "land", _("The Land's conciliation or enforcement body")
    DEFENSEUR = "defenseur", _("Défenseur des droits")


ENFORCEMENT_FOR = {
    Regime.BITV: {Enforcement.BGG_16, Enforcement.LAND},
    Regime.RGAA: {Enforcement.DEFENSEUR},
}


class Reason(models.TextChoices):
    NON_CONFORMITY = "non-conformity", _("Non-conformity with the requirements")
    DISPROPORTIONATE = "disproportionate", _("Disproportionate burden")
    OUT_OF_SCOPE = "out-of-scope", _("Not within the scope of the law")


class NonAccessibleItem(blocks.StructBlock):
    """One content that is not accessible, and why: the model statement's three reasons."""

    content = blocks.CharBlock(
        label=_("Content"),
        max_length=255,
        help_text=_("What is not accessible, for example “PDF minutes of the town council”."),
    )
    reason = blocks.ChoiceBlock(choices=Reason.choices, label=_("Reason"))
    criteria = blocks.CharBlock(
        label=_("Criteria not met"),
        required=False,
        max_length=255,
        help_text=_("For example “WCAG 1.1.1” or “RGAA 1.2”."),
    )
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        help_text=_("What the barrier is; for a disproportionate burden, why it is one."),
    )
    alternative = blocks.TextBlock(
        label=_("Accessible alternative"),
        required=False,
        help_text=_("How visitors get the same information meanwhile, if there is a way."),
    )
    fix_planned = blocks.CharBlock(
        label=_("Planned fix"), required=False, max_length=255, help_text=_("For example a date.")
    )

    class Meta:
        icon = "warning"
        label = _("Content that is not accessible")


class StatementForm(WagtailAdminPageForm):
    """The page form; its rules are the model's (``clean``), shown on the fields."""


class AccessibilityStatementPage(SingleLineFieldsMixin, RememberedPrivacyMixin, FormMixin, Page):
    """A town's accessibility statement, with its feedback form.

    Its feedback is stored as Wagtail form submissions (the admin's *Forms*
    listing shows them with the contact forms') and mailed to the feedback
    contact; the sender gets a receipt in their language.
    """

    # Written separately per language (shared convention): not a translation.
    translated_separately = True

    counterpart = models.ForeignKey(
        "accessibility.AccessibilityStatementPage",
        verbose_name=_("Statement in the other language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The partner town's statement, written separately under its own law; "
            "the language switcher leads there."
        ),
    )
    intro = models.TextField(_("Introduction"), blank=True)

    regime = models.CharField(_("Legal regime"), max_length=10, choices=Regime.choices)
    body_name = models.CharField(
        _("Public body"),
        max_length=200,
        help_text=_("Who publishes the site and answers for it, for example the town."),
    )
    legal_basis = models.CharField(
        _("Legal basis"),
        max_length=255,
        help_text=_("The law the body is bound by, for example its Land's equality law."),
    )
    scope = models.TextField(
        _("Scope"),
        help_text=_("Which website or part of it the statement covers (its address)."),
    )

    conformity = models.CharField(
        _("Conformity status"),
        max_length=10,
        choices=Conformity.choices,
        default=Conformity.NONE,
        help_text=_("As an audit found it; automatic checks never set it."),
    )
    standard = models.CharField(
        _("Standard checked against"),
        max_length=255,
        help_text=_("For example “BITV 2.0, EN 301 549, WCAG 2.1 AA” or “RGAA 4.1.2”."),
    )
    rgaa_audit = models.BooleanField(
        _("An RGAA audit has been carried out"),
        default=False,
        help_text=_("Under the RGAA, without such an audit the site is “not conformant”."),
    )
    compliance_rate = models.DecimalField(
        _("Share of criteria met (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The audit's rate of criteria met, if it gives one."),
    )
    non_accessible = StreamField(
        [("item", NonAccessibleItem())],
        verbose_name=_("Content that is not accessible"),
        blank=True,
        use_json_field=True,
    )

    prepared_on = models.DateField(_("Statement prepared on"))
    method = models.CharField(
        _("Method"), max_length=10, choices=Method.choices, default=Method.SELF_ASSESSMENT
    )
    auditor = models.CharField(
        _("Auditor"),
        max_length=200,
        blank=True,
        help_text=_("Who carried out the assessment or the audit."),
    )
    reviewed_on = models.DateField(_("Last reviewed on"), null=True, blank=True)
    automatic_checks = models.TextField(
        _("Automatic checks"),
        blank=True,
        help_text=_(
            "Written into a draft by the command accessibility_gates: date, tools, pages, "
            "findings. Review it before publishing."
        ),
    )

    feedback_body = models.CharField(
        _("Responsible contact"),
        max_length=200,
        help_text=_("The office or person who answers feedback."),
    )
    feedback_email = models.EmailField(
        _("Feedback e-mail address"), help_text=_("Receives the feedback form's messages.")
    )
    feedback_phone = models.CharField(_("Phone"), max_length=40, blank=True)
    feedback_address = models.TextField(_("Postal address"), blank=True)

    enforcement = models.CharField(
        _("Enforcement procedure"), max_length=10, choices=Enforcement.choices
    )
    enforcement_name = models.CharField(
        _("Name of the enforcement body"),
        max_length=255,
        help_text=_("For example the Land's conciliation body, or the Défenseur des droits."),
    )
    enforcement_url = models.URLField(_("Enforcement body's web address"))
    enforcement_note = models.TextField(
        _("How to turn to it"),
        blank=True,
        help_text=_("When and how visitors may turn to it, for example after no answer."),
    )
    multi_year_plan_url = models.URLField(
        _("Multi-year plan"),
        blank=True,
        help_text=_("The “schéma pluriannuel”; required under the RGAA."),
    )
    action_plan_url = models.URLField(
        _("This year's action plan"), blank=True, help_text=_("Optional, under the RGAA.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent box under the feedback form."),
    )

    base_form_class = StatementForm

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("regime"),
                FieldPanel("body_name"),
                FieldPanel("legal_basis"),
                FieldPanel("scope"),
            ],
            heading=_("Body and scope"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("conformity"),
                FieldPanel("standard"),
                FieldRowPanel([FieldPanel("rgaa_audit"), FieldPanel("compliance_rate")]),
            ],
            heading=_("Conformity status"),
        ),
        FieldPanel("non_accessible"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldRowPanel([FieldPanel("method"), FieldPanel("auditor")]),
                FieldPanel("automatic_checks"),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_body"),
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("feedback_address"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement"),
                FieldPanel("enforcement_name"),
                FieldPanel("enforcement_url"),
                FieldPanel("enforcement_note"),
            ],
            heading=_("Enforcement procedure"),
        ),
        MultiFieldPanel(
            [FieldPanel("multi_year_plan_url"), FieldPanel("action_plan_url")],
            heading=_("Plans (RGAA)"),
        ),
        FieldPanel("counterpart"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("scope")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # The page is only a page; the form's preview modes of FormMixin do not apply.
    preview_modes = Page.DEFAULT_PREVIEW_MODES

    class Meta:
        verbose_name = _("Accessibility statement")
        verbose_name_plural = _("Accessibility statements")

    @classmethod
    def can_create_at(cls, parent):
        """Under a home page, and only one per language: the footer links to that one."""
        if not super().can_create_at(parent):
            return False
        return not cls.objects.filter(locale_id=parent.locale_id).exists()

    def language_counterpart(self):
        """The statement in the other language, if it is live (shared convention)."""
        if self.counterpart_id is None:
            return None
        counterpart = self.counterpart
        return counterpart if counterpart.live else None

    def clean(self):
        super().clean()
        errors = {}
        if self.regime == Regime.RGAA:
            if not self.rgaa_audit and self.conformity != Conformity.NONE:
                errors["conformity"] = gettext(
                    "Without an RGAA audit the RGAA requires the status “not conformant”."
                )
            if not self.multi_year_plan_url:
                errors["multi_year_plan_url"] = gettext(
                    "The RGAA requires a link to the multi-year plan."
                )
        if self.method == Method.EXTERNAL_AUDIT and not self.auditor:
            errors["auditor"] = gettext("Name who carried out the external audit.")
        if (
            self.regime
            and self.enforcement
            and self.enforcement not in ENFORCEMENT_FOR.get(self.regime, ())
        ):
            errors["enforcement"] = gettext(
                "This enforcement procedure does not belong to the chosen legal regime."
            )
        if self.counterpart_id is not None and (
            self.counterpart_id == self.pk
            or AccessibilityStatementPage.objects.filter(
                pk=self.counterpart_id, locale_id=self.locale_id
            ).exists()
        ):
            errors["counterpart"] = gettext("Choose the statement in the other language.")
        if errors:
            raise ValidationError(errors)

    # Feedback form (Wagtail's FormMixin, with a fixed form) -------------------

    def get_form_class(self):
        return FeedbackForm

    def get_data_fields(self):
        return [("submit_time", _("Submission date")), *DATA_FIELDS]

    def get_submissions_list_view_class(self):
        from accessibility.form_submissions import SubmissionsListView

        return SubmissionsListView

    def serve(self, request, *args, **kwargs):
        """A page to read; the form posts to its own endpoint (accessibility/views.py)."""
        return Page.serve(self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from accessibility.views import feedback_context

        context = super().get_context(request, *args, **kwargs)
        if "feedback_form" not in context:
            context.update(feedback_context(self))
        return context

    def rgaa_mention(self):
        return RGAA_MENTION[self.conformity]

    def non_accessible_by_reason(self):
        """The items grouped under the model statement's three reasons, in its order."""
        groups = []
        for value, label in Reason.choices:
            items = [block.value for block in self.non_accessible if block.value["reason"] == value]
            if items:
                groups.append({"reason": value, "label": label, "items": items})
        return groups

    def privacy_url(self):
        page = self.privacy_page
        if page is None or not page.live:
            return ""
        return page.get_url() or ""
