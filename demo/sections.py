"""Demo snippets, section indexes and content pages, built from demo/content.py.

Each record is written in its source language and translated through
wagtail-localize, so the translation editor shows it as complete. What
already exists is kept, so load_demo can run again without harm.
"""

import datetime
import re
import uuid
from zoneinfo import ZoneInfo

from django.utils import timezone

from demo import content
from demo.images import demo_image
from demo.text import Bullets, Paragraphs, T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from exhibitions.models import (
    Artist,
    ArtistExchangeIndexPage,
    ArtistExchangePage,
    ExchangeArtist,
    ExchangeFundingLink,
    ExchangeTown,
    ExhibitionArtist,
    ExhibitionIndexPage,
    ExhibitionOrganiser,
    ExhibitionPage,
)
from partnership.models import (
    Association,
    ContactPerson,
    DelegationFundingLink,
    DelegationParticipant,
    DelegationRelatedPage,
    DelegationReportIndexPage,
    DelegationReportPage,
    FundingProgramme,
    PartnerCity,
    WorkshopIndexPage,
    WorkshopOrganiser,
    WorkshopPage,
)

TIME_ZONES = {"les-ulis": ZoneInfo("Europe/Paris")}
DEFAULT_TIME_ZONE = ZoneInfo("Europe/Berlin")
DEMO_NAMESPACE = uuid.UUID("6f1c1a52-3b8e-4d55-9a53-6d0c2a7b9e10")
YEAR = re.compile(r"\b(20[2-3][0-9])\b")


def demo_key(name):
    """A stable translation key, so that a demo record is found again however it was edited."""
    return uuid.uuid5(DEMO_NAMESPACE, name)


def shift_years(value, years):
    """Move a demo item ``years`` into the future: its dates, and the years in its text."""
    if not years:
        return value
    if isinstance(value, datetime.date):  # datetime too
        return value.replace(year=value.year + years)
    if isinstance(value, str):
        return YEAR.sub(lambda match: str(int(match[0]) + years), value)
    if isinstance(value, T):
        return T(shift_years(value.de, years), shift_years(value.fr, years))
    if isinstance(value, Paragraphs):
        return Paragraphs(*(shift_years(text, years) for text in value.texts))
    if isinstance(value, Bullets):
        return Bullets(*(shift_years(item, years) for item in value.items))
    if isinstance(value, dict):
        return {key: shift_years(item, years) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(shift_years(item, years) for item in value)
    return value


def years_to_stay_upcoming(first_future_date, today):
    """How many years to add so that the demo's plans still lie at least a month ahead."""
    years = 0
    while first_future_date.replace(
        year=first_future_date.year + years
    ) < today + datetime.timedelta(days=30):
        years += 1
    return years


class Loader:
    def __init__(self, log, *, locales, homes, user=None):
        self.log = log
        self.locales = locales  # {"de": Locale, "fr": Locale}
        self.homes = homes  # {"de": HomePage, "fr": HomePage}
        self.user = user
        self.records = {}  # (model, key) -> German or source record

    # Records -------------------------------------------------------------

    def record(self, model, key, language):
        """The record ``key`` in ``language`` (its translation when there is one)."""
        source = self.records[(model, key)]
        return source.get_translation_or_none(self.locales[language]) or source

    def snippet(self, model, key, spec, **resolved):
        fields = {k: v for k, v in spec.items() if k not in {"arms", "portrait"}}
        german = self.locales["de"]
        name = pick(fields["name"], "de")
        key_uuid = demo_key(f"{model._meta.label}:{key}")
        record = model.objects.filter(locale=german, translation_key=key_uuid).first()
        if record is None:
            record = model(
                locale=german, translation_key=key_uuid, **pick(fields, "de"), **resolved
            )
            record.save()
            record.save_revision(user=self.user)
            self.log(f"  {model._meta.verbose_name}: {name}")
        if not record.has_translation(self.locales["fr"]):
            translate(record, self.locales["fr"], pairs(fields, "de", "fr"), user=self.user)
        self.records[(model, key)] = record
        return record

    def load_snippets(self):
        for key, spec in content.CITIES.items():
            arms = demo_image(**spec["arms"]) if spec.get("arms") else None
            self.snippet(PartnerCity, key, spec, coat_of_arms=arms)
        for key, spec in content.FUNDING.items():
            self.snippet(FundingProgramme, key, spec)
        for key, spec in content.ASSOCIATIONS.items():
            fields = dict(spec)
            city = fields.pop("city")
            resolved = {"city": self.records[(PartnerCity, city)]} if city else {}
            self.snippet(Association, key, fields, **resolved)
        for key, spec in content.PEOPLE.items():
            fields = dict(spec)
            organisation = self.records[(Association, fields.pop("organisation"))]
            self.snippet(ContactPerson, key, fields, organisation=organisation)
        for key, spec in content.ARTISTS.items():
            fields = dict(spec)
            city = self.records[(PartnerCity, fields.pop("city"))]
            self.snippet(Artist, key, fields, city=city)

    # Pages ---------------------------------------------------------------

    def index(self, model, key):
        spec = content.INDEXES[key]
        home = self.homes["de"]
        key_uuid = demo_key(f"index:{key}")
        page = model.objects.filter(translation_key=key_uuid, locale=self.locales["de"]).first()
        if page is None:
            page = home.add_child(
                instance=as_an_editor_saves(
                    model(
                        show_in_menus=True,
                        locale=self.locales["de"],
                        translation_key=key_uuid,
                        **pick(spec, "de"),
                    )
                )
            )
            page.save_revision(user=self.user).publish()
            self.log(f"  section: {page.title}")
        if not page.has_translation(self.locales["fr"]):
            translate(page, self.locales["fr"], pairs(spec, "de", "fr"), user=self.user)
        return page

    def page(self, model, index, spec, **fields):
        """Create the page in its source language, then translate it (unless German-only)."""
        source = spec["source"]
        target = "fr" if source == "de" else "de"
        parent = index if source == "de" else index.get_translation(self.locales["fr"])
        key_uuid = demo_key(f"page:{spec['key']}")
        page = model.objects.filter(translation_key=key_uuid, locale=self.locales[source]).first()
        if page is None:
            fields["translation_key"] = key_uuid
            text = {k: spec[k] for k in ("title", "slug", "summary") if k in spec}
            image, alt = None, ""
            if spec.get("image"):
                drawing = {k: v for k, v in spec["image"].items() if k != "alt"}
                image, alt = demo_image(**drawing), pick(spec["image"].get("alt", ""), source)
            page = parent.add_child(
                instance=as_an_editor_saves(
                    model(
                        locale=self.locales[source],
                        teaser_image=image,
                        teaser_image_alt=alt,
                        contact_person=self.optional(ContactPerson, spec.get("contact"), source),
                        **pick(text, source),
                        **fields,
                    )
                )
            )
            page.save_revision(user=self.user).publish()
            self.log(f"  {model._meta.verbose_name} ({source}): {page.title}")
        if spec.get("translate", True) and not page.has_translation(self.locales[target]):
            translate(page, self.locales[target], pairs(spec, source, target), user=self.user)
        return page

    def optional(self, model, key, language):
        return self.record(model, key, language) if key else None

    def links(self, link_model, field, model, keys, language):
        return [link_model(**{field: self.record(model, key, language)}) for key in keys]

    def aware(self, value, city=None):
        return timezone.make_aware(value, TIME_ZONES.get(city, DEFAULT_TIME_ZONE))

    def body(self, spec, language):
        blocks = []
        for block in pick(spec.get("body", []), language):
            if block["type"] == "gallery":
                value = block["value"]
                block = {
                    "type": "gallery",
                    "value": {
                        "title": value["title"],
                        "images": [
                            {
                                "image": {
                                    "image": demo_image(**figure["image"]).pk,
                                    "decorative": False,
                                    "alt_text": figure["alt"],
                                },
                                "caption": figure["caption"],
                                "credit": figure["credit"],
                            }
                            for figure in value["images"]
                        ],
                    },
                }
            blocks.append(block)
        return blocks

    def report(self, index, spec, *, related=()):
        language = spec["source"]
        rich = {k: spec[k] for k in ("aim", "findings", "outcomes") if k in spec}
        programme = [
            {
                "type": "day",
                "value": {
                    "date": day["date"].isoformat(),
                    "title": day["title"],
                    "items": day["items"],
                },
            }
            for day in spec.get("programme", [])
        ]
        return self.page(
            DelegationReportPage,
            index,
            spec,
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            from_city=self.record(PartnerCity, spec["from_city"], language),
            to_city=self.record(PartnerCity, spec["to_city"], language),
            participant_count=spec.get("participant_count"),
            programme=pick(programme, language),
            body=self.body(spec, language),
            participants=self.links(
                DelegationParticipant, "association", Association, spec["participants"], language
            ),
            funding=self.links(
                DelegationFundingLink, "programme", FundingProgramme, spec["funding"], language
            ),
            related_pages=[DelegationRelatedPage(page=page) for page in related],
            **pick(rich, language),
        )

    def workshop(self, index, spec, *, follow_up=None):
        language = spec["source"]
        text = {
            k: spec[k]
            for k in ("venue_name", "venue_address", "venue_town", "moderators", "audience")
            if k in spec
        }
        rich = {k: spec[k] for k in ("topics", "questions", "results") if k in spec}
        agenda = [
            {
                "type": "item",
                "value": {
                    "time": item["time"],
                    "title": item["title"],
                    "description": item.get("description", ""),
                },
            }
            for item in spec.get("agenda", [])
        ]
        return self.page(
            WorkshopPage,
            index,
            spec,
            start=self.aware(spec["start"]),
            end=self.aware(spec["end"]),
            format=spec.get("format", "in_person"),
            registration_deadline=spec.get("registration_deadline"),
            registration_url=spec.get("registration_url", ""),
            registration_email=spec.get("registration_email", ""),
            agenda=pick(agenda, language),
            body=self.body(spec, language),
            follow_up=follow_up,
            organisers=self.links(
                WorkshopOrganiser, "association", Association, spec.get("organisers", []), language
            ),
            **pick(text, language),
            **pick(rich, language),
        )

    def exchange(self, index, spec):
        language = spec["source"]
        phases = [
            {
                "type": "phase",
                "value": {
                    "title": phase["title"],
                    "start_date": phase["start_date"].isoformat()
                    if phase.get("start_date")
                    else None,
                    "end_date": phase["end_date"].isoformat() if phase.get("end_date") else None,
                    "description": phase.get("description", ""),
                },
            }
            for phase in spec.get("phases", [])
        ]
        return self.page(
            ArtistExchangePage,
            index,
            spec,
            status=spec["status"],
            proposed_by=self.optional(Association, spec.get("proposed_by"), language),
            start_date=spec.get("start_date"),
            end_date=spec.get("end_date"),
            phases=pick(phases, language),
            call_deadline=spec.get("call_deadline"),
            call_how_to_apply=pick(spec.get("call_how_to_apply", ""), language),
            body=self.body(spec, language),
            towns=self.links(ExchangeTown, "city", PartnerCity, spec["towns"], language),
            artists=self.links(ExchangeArtist, "artist", Artist, spec["artists"], language),
            funding=self.links(
                ExchangeFundingLink,
                "programme",
                FundingProgramme,
                spec.get("funding", []),
                language,
            ),
        )

    def exhibition(self, index, spec, *, report=None, exchange=None):
        language = spec["source"]
        text = {
            k: spec[k]
            for k in ("venue_name", "venue_address", "opening_hours", "admission")
            if k in spec
        }
        works = [
            {
                "type": "work",
                "value": {
                    "image": {
                        "image": demo_image(**work["image"]).pk,
                        "decorative": False,
                        "alt_text": work["title"],
                    },
                    "title": work["title"],
                    "title_language": work.get("title_language", ""),
                    "artist": self.record(Artist, work["artist"], language).pk
                    if work.get("artist")
                    else None,
                    "year": work.get("year"),
                    "technique": work.get("technique", ""),
                },
            }
            for work in spec.get("works", [])
        ]
        return self.page(
            ExhibitionPage,
            index,
            spec,
            opening=self.aware(spec["opening"], spec["city"]),
            closing_date=spec["closing_date"],
            city=self.record(PartnerCity, spec["city"], language),
            works=pick(works, language),
            body=self.body(spec, language),
            related_report=self._in(report, language) if spec.get("related_report") else None,
            related_exchange=self._in(exchange, language) if spec.get("related_exchange") else None,
            organisers=self.links(
                ExhibitionOrganiser,
                "association",
                Association,
                spec.get("organisers", []),
                language,
            ),
            artists=self.links(
                ExhibitionArtist, "artist", Artist, spec.get("artists", []), language
            ),
            **pick(text, language),
        )

    def _in(self, page, language):
        return page.get_translation_or_none(self.locales[language]) or page

    def load_pages(self):
        reports = self.index(DelegationReportIndexPage, "reports")
        workshops = self.index(WorkshopIndexPage, "workshops")
        exhibitions = self.index(ExhibitionIndexPage, "exhibitions")
        exchanges = self.index(ArtistExchangeIndexPage, "exchanges")

        # The plans of the demo (an upcoming workshop, the exchange and its
        # exhibition) move a year on whenever they would otherwise lie in the past.
        years = years_to_stay_upcoming(content.EXCHANGE["call_deadline"], timezone.localdate())
        upcoming_workshop = shift_years(content.UPCOMING_WORKSHOP, years)
        exchange_spec = shift_years(content.EXCHANGE, years)
        exhibition_specs = [
            shift_years(spec, years) if spec.get("related_exchange") else spec
            for spec in content.EXHIBITIONS
        ]

        follow_up = self.workshop(workshops, {**content.FOLLOW_UP, "key": "follow-up-workshop"})
        self.workshop(workshops, {**content.WORKSHOP, "key": "workshop"}, follow_up=follow_up)
        self.workshop(workshops, {**upcoming_workshop, "key": "upcoming-workshop"})
        exchange = self.exchange(exchanges, {**exchange_spec, "key": "exchange"})
        report = self.report(reports, {**content.REPORT, "key": "report"}, related=[exchange])
        self.report(reports, {**content.GERMAN_ONLY, "key": "german-only", "translate": False})
        for number, spec in enumerate(exhibition_specs):
            self.exhibition(
                exhibitions,
                {**spec, "key": f"exhibition-{number}"},
                report=report,
                exchange=exchange,
            )


def load_sections(log, *, locales, homes, user=None):
    loader = Loader(log, locales=locales, homes=homes, user=user)
    log("Partner cities, associations, people, funding and artists")
    loader.load_snippets()
    log("Sections and pages")
    loader.load_pages()
