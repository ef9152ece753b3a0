"""Write the plan: one transaction per item, so a failing item leaves nothing behind."""

import hashlib
import io
import json
from datetime import datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
)

from home.models import HomePage, SectionPage, StandardPage
from partnership.models import WorkshopIndexPage, WorkshopPage
from partnership.models.workshops import EventFormat
from plone_import.models import ImportedObject
from plone_import.plan import ASSET_KINDS, PAGE_KINDS
from plone_import.reader import ItemError, blob_bytes
from plone_import.report import BOTH, CREATED, FAILED, SKIPPED, UNCHANGED, UPDATED, Entry, Report
from plone_import.richtext import convert

PAGE_CLASSES = {"section": SectionPage, "standard": StandardPage, "workshop": WorkshopPage}
# Keys that change on every export without the content changing.
VOLATILE = ("lock", "workflow_history", "version", "@components", "review_state_title")


def digest(item, kind):
    data = {key: value for key, value in item.items() if key not in VOLATILE}
    return hashlib.sha256(json.dumps([kind, data], sort_keys=True).encode()).hexdigest()


def when(value):
    return datetime.fromisoformat(value) if value else None


def html_of(item):
    text = item.get("text")
    if isinstance(text, dict):
        return text.get("data") or ""
    return text or ""


def town_collections(named=None):
    """Language code → the collection of that language's town; "" → the shared one.

    The editor groups of each home page say it: the collection only that
    language's editors may add images to is the town's, the one both may is
    shared. A mapping file can name them instead (``[collections]``).
    """
    root = Collection.get_first_root_node()
    result = {}
    if named:
        for code, name in named.items():
            found = Collection.objects.filter(name=name).first()
            result[code] = found or root.add_child(instance=Collection(name=name))
    homes = HomePage.objects.select_related("locale")
    per_language = {}
    for home in homes:
        groups = GroupPagePermission.objects.filter(page=home).values_list("group", flat=True)
        per_language[home.locale.language_code] = set(
            GroupCollectionPermission.objects.filter(
                group__in=Group.objects.filter(pk__in=groups),
                permission__codename="add_image",
            ).values_list("collection", flat=True)
        )
    shared = set.intersection(*per_language.values()) if per_language else set()
    for code, ids in per_language.items():
        own = sorted(ids - shared)
        if code not in result:
            result[code] = Collection.objects.get(pk=own[0]) if own else root
    if "" not in result:
        result[""] = Collection.objects.get(pk=min(shared)) if shared else root
    return result


class Importer:
    def __init__(self, plan, *, collections=None, progress=None):
        self.plan = plan
        self.export = plan.export
        self.report = Report()
        self.progress = progress or (lambda done, total: None)
        self.collections = town_collections(collections)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.homes = {
            home.locale.language_code: home for home in HomePage.objects.select_related("locale")
        }
        self.done = {}  # uid → (kind, id)
        self.pages = {}  # uid → page
        self.relink = []  # planned items whose body waits for pages imported later
        self.group_keys = {}
        self.records = {
            r.plone_uid: r for r in ImportedObject.objects.select_related("content_type")
        }
        for record in self.records.values():
            target = record.target()
            if target is not None:
                self.done[record.plone_uid] = self._reference(target)

    # references for rich text

    def _reference(self, obj):
        if isinstance(obj, Page):
            return ("page", obj.pk)
        if isinstance(obj, get_document_model()):
            return ("document", obj.pk)
        if isinstance(obj, get_image_model()):
            return ("image", obj.pk)
        return None

    def resolve(self, uid):
        if uid in self.done and self.done[uid] is not None:
            return self.done[uid]
        if uid in self.export.by_uid:
            return "pending"
        return None

    def uid_for_url(self, url):
        if not url.startswith(self.export.site_url):
            return None
        item = self.export.by_path.get(self.export.path_of(url.rstrip("/")))
        return item["UID"] if item else None

    # the run

    def run(self):
        ordered = self.plan.ordered()
        total = len(ordered)
        for number, entry in enumerate(ordered, start=1):
            self.import_one(entry)
            self.progress(number, total)
        for entry in self.relink:
            self._relink(entry)
        for label, message in self.plan.invalid:
            self.report.add(Entry(label, "?", "", FAILED, messages=[message]))
        self.report.translation_groups = [
            {lang: member.path for lang, member in members.items()} for members in self.plan.groups
        ]
        self.report.dangling_links = [
            {"path": path, "uid": uid} for path, uid in self.plan.dangling
        ]
        return self.report

    def import_one(self, entry):
        report = Entry(entry.path, entry.plone_type, entry.language, SKIPPED)
        if entry.skip:
            report.messages.append(entry.skip)
            self.report.add(report)
            return
        try:
            with transaction.atomic():
                if entry.kind in ASSET_KINDS:
                    self.import_asset(entry, report)
                elif entry.kind in PAGE_KINDS:
                    self.import_page(entry, report)
                elif entry.kind == "redirect":
                    self.import_link(entry, report)
        except ItemError as error:
            report.outcome = FAILED
            report.messages.append(
                _("%(path)s was not imported: %(reason)s") % {"path": entry.path, "reason": error}
            )
        except ValidationError as error:
            report.outcome = FAILED
            reasons = (
                "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
                )
                if hasattr(error, "error_dict")
                else " ".join(error.messages)
            )
            report.messages.append(
                _("%(path)s was not imported: %(reason)s") % {"path": entry.path, "reason": reasons}
            )
        except DatabaseError as error:
            report.outcome = FAILED
            report.messages.append(
                _("%(path)s was not imported: %(reason)s") % {"path": entry.path, "reason": error}
            )
        self.report.add(report)

    # the record of what was imported

    def _record(self, entry, obj, kind, revision=None, uid=None):
        uid = uid or entry.uid
        record, _created = ImportedObject.objects.update_or_create(
            plone_uid=uid,
            defaults={
                "plone_path": entry.path,
                "plone_type": entry.plone_type,
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": obj.pk,
                "digest": digest(entry.item, kind),
                "revision_id": revision.pk if revision else None,
            },
        )
        self.records[uid] = record
        self.done[uid] = self._reference(obj)

    def _existing(self, uid):
        record = self.records.get(uid)
        if record is None:
            return None, None
        return record, record.target()

    # images and documents

    def _collection(self, language):
        return self.collections.get(language) or self.collections[""]

    def _image(self, data, filename, title, description, language):
        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                picture.verify()
        except (UnidentifiedImageError, OSError) as error:
            raise ItemError(_("its image cannot be read")) from error
        Image = get_image_model()
        image = Image(
            title=title[:255],
            description=(description or "")[:255],
            collection=self._collection(language),
            file=ImageFile(io.BytesIO(data), name=filename),
        )
        image.save()
        return image

    def _shared_copy(self, entry):
        """PAM keeps a language-independent file once per language folder, as ``<uid>-<folder>``."""
        if entry.language:
            return None
        base = entry.uid.rsplit("-", 1)[0]
        if base == entry.uid:
            return None
        for uid, record in self.records.items():
            if uid != entry.uid and uid.rsplit("-", 1)[0] == base:
                target = record.target()
                if target is not None:
                    return target, record.plone_path
        return None

    def import_asset(self, entry, report):
        item = entry.item
        key = "image" if entry.kind == "image" else "file"
        record, existing = self._existing(entry.uid)
        if existing is not None and record.digest == digest(item, entry.kind):
            report.outcome, report.target = UNCHANGED, str(existing)
            self.done[entry.uid] = self._reference(existing)
            return
        copy = self._shared_copy(entry) if existing is None else None
        if copy is not None:
            target, path = copy
            self._record(entry, target, entry.kind)
            report.outcome, report.target = CREATED, str(target)
            report.messages.append(
                _("the same language-independent file as %(path)s: imported once") % {"path": path}
            )
            return
        data, filename, _mime = blob_bytes(self.export, item, key)
        title = item.get("title") or filename
        if entry.kind == "image":
            if existing is not None:
                existing.delete()
            obj = self._image(data, filename, title, item.get("description"), entry.language)
        else:
            Document = get_document_model()
            obj = (
                existing
                if existing is not None
                else Document(collection=self._collection(entry.language))
            )
            obj.title = title[:255]
            obj.file.save(filename, ContentFile(data), save=False)
            obj.save()
        self._record(entry, obj, entry.kind)
        if entry.kind == "document":
            self._redirects(entry, None, report, link=obj.url)
        report.outcome = UPDATED if existing is not None else CREATED
        report.target = str(obj)
        report.url = getattr(obj, "url", "") if entry.kind == "document" else obj.file.url

    def _lead_image(self, entry, page_language):
        item = entry.item
        if not isinstance(item.get("image"), dict):
            return None
        uid = f"{entry.uid}#image"
        record, existing = self._existing(uid)
        if existing is not None and record.digest == digest(item.get("image"), "lead"):
            return existing
        data, filename, _mime = blob_bytes(self.export, item, "image")
        caption = item.get("image_caption") or ""
        image = self._image(
            data, filename, caption or item.get("title") or filename, caption, page_language
        )
        ImportedObject.objects.update_or_create(
            plone_uid=uid,
            defaults={
                "plone_path": entry.path,
                "plone_type": "lead image",
                "content_type": ContentType.objects.get_for_model(image),
                "object_id": image.pk,
                "digest": digest(item.get("image"), "lead"),
            },
        )
        if existing is not None:
            existing.delete()
        return image

    # pages

    def _parent(self, entry):
        home = self.homes.get(entry.locale)
        if home is None:
            raise ItemError(
                _("the site has no home page in “%(language)s”") % {"language": entry.locale}
            )
        if entry.parent == "home":
            return home
        if entry.parent == "workshops":
            index = WorkshopIndexPage.objects.descendant_of(home).first()
            if index is None:
                raise ItemError(
                    _("the site has no workshop index in “%(language)s”")
                    % {"language": entry.locale}
                )
            return index
        if entry.parent.startswith("slug:"):
            slug = entry.parent[5:]
            page = Page.objects.descendant_of(home).filter(slug=slug).first()
            if page is None:
                raise ItemError(
                    _("the mapping names a parent page “%(slug)s” that does not exist")
                    % {"slug": slug}
                )
            return page
        parent_uid = (entry.item.get("parent") or {}).get("UID")
        parent_plan = self.plan.by_uid().get(parent_uid)
        if parent_plan is not None and parent_plan.kind in ("home", "assets"):
            return home
        page = self.pages.get(parent_uid)
        if page is None:
            record, page = self._existing(parent_uid)
        if page is None:
            raise ItemError(
                _("its parent %(parent)s was not imported")
                % {"parent": parent_plan.path if parent_plan else parent_uid}
            )
        return page

    def _fields(self, entry, language, lead_image):
        item = entry.item
        converted = convert(
            html_of(item), resolve=self.resolve, uid_for_url=self.uid_for_url, seed=entry.uid
        )
        body = converted.blocks
        description = " ".join((item.get("description") or "").split())
        fields = {
            "title": (item.get("title") or item["id"])[:255],
            "search_description": description,
        }
        if entry.kind == "section":
            fields["intro"] = f"<p>{escape(description)}</p>" if description else ""
        elif entry.kind == "standard":
            fields["intro"] = description
            if lead_image is not None:
                body = [
                    {
                        "type": "image",
                        "id": f"{entry.uid}-lead",
                        "value": {
                            "image": {
                                "image": lead_image.pk,
                                "decorative": False,
                                "alt_text": item.get("image_caption") or "",
                            },
                            "caption": item.get("image_caption") or "",
                            "credit": "",
                        },
                    },
                    *body,
                ]
        elif entry.kind == "workshop":
            fields.update(self._event_fields(entry, language, lead_image))
            body = body + self._event_blocks(entry, language)
        fields["body"] = body
        return fields, converted

    def _event_fields(self, entry, language, lead_image):
        item = entry.item
        start, end = when(item.get("start")), when(item.get("end"))
        if start is None:
            raise ItemError(_("the event has no start"))
        location = (item.get("location") or "").strip()
        online = location.lower() == "online"
        return {
            "summary": " ".join((item.get("description") or item.get("title") or "").split()),
            "start": start,
            "end": end or start,
            "format": EventFormat.ONLINE if online else EventFormat.IN_PERSON,
            "venue_name": "" if online else location[:200],
            "online_url": (item.get("event_url") or "") if online else "",
            "audience": ", ".join(item.get("attendees") or [])[:250],
            "teaser_image": lead_image,
        }

    def _event_blocks(self, entry, language):
        item = entry.item
        parts = []
        with translation.override(language):
            contact = [item.get(key) for key in ("contact_name", "contact_email", "contact_phone")]
            if any(contact):
                name, email, phone = contact
                bits = [escape(name)] if name else []
                if email:
                    bits.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
                if phone:
                    bits.append(escape(phone))
                parts.append(f"<p><b>{escape(_('Contact'))}:</b> {', '.join(bits)}</p>")
            url = item.get("event_url")
            if url and (item.get("location") or "").lower() != "online":
                link = f'<a href="{escape(url)}">{escape(url)}</a>'
                parts.append(f"<p><b>{escape(_('More about the event'))}:</b> {link}</p>")
        if not parts:
            return []
        return [{"type": "paragraph", "value": "".join(parts), "id": f"{entry.uid}-event"}]

    def _unique_slug(self, parent, slug, page=None):
        slug = slugify(slug, allow_unicode=True)[:200] or "seite"
        taken = set(
            parent.get_children()
            .exclude(pk=getattr(page, "pk", None))
            .values_list("slug", flat=True)
        )
        candidate, number = slug, 2
        while candidate in taken:
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def _state(self, entry):
        item = entry.item
        state = item.get("review_state")
        expires = when(item.get("expires"))
        if state not in (None, "published"):
            return False, _("it was “%(state)s” in Plone: imported as a draft") % {"state": state}
        if expires is not None and expires < datetime.now(expires.tzinfo):
            return False, _("it expired in Plone on %(date)s: imported unpublished") % {
                "date": expires.date().isoformat()
            }
        return True, None

    def _translation_key(self, entry, page_class):
        if entry.group is None:
            return None
        if entry.group in self.group_keys:
            return self.group_keys[entry.group]
        for member in self.plan.groups[entry.group].values():
            if member.uid == entry.uid:
                continue
            page = self.pages.get(member.uid) or self._existing(member.uid)[1]
            if isinstance(page, Page):
                return page.translation_key
        return None

    def import_page(self, entry, report):
        item = entry.item
        page_class = PAGE_CLASSES[entry.kind]
        locale = self.locales.get(entry.locale)
        if locale is None:
            raise ItemError(
                _("the site has no language “%(language)s”") % {"language": entry.locale}
            )
        record, existing = self._existing(entry.uid)
        if existing is not None:
            existing = existing.specific
            self.pages[entry.uid] = existing
            if record.digest == digest(item, entry.kind):
                report.outcome, report.target, report.url = (
                    UNCHANGED,
                    existing.title,
                    existing.url or "",
                )
                return
            if existing.latest_revision_id != record.revision_id:
                report.outcome, report.target, report.url = BOTH, existing.title, existing.url or ""
                report.messages.append(
                    _(
                        "edited in Wagtail since the last import and changed in Plone: "
                        "kept as it is in Wagtail"
                    )
                )
                return
        parent = self._parent(entry)
        parent_class = parent.specific_class
        if (
            page_class not in parent_class.allowed_subpage_models()
            or parent_class not in page_class.allowed_parent_page_models()
        ):
            raise ItemError(
                _("a %(type)s cannot sit beneath “%(parent)s” (%(parent_type)s)")
                % {
                    "type": page_class._meta.verbose_name,
                    "parent": parent.title,
                    "parent_type": parent_class._meta.verbose_name,
                }
            )
        live, state_note = self._state(entry)
        lead_image = self._lead_image(entry, entry.locale)
        fields, converted = self._fields(entry, entry.locale, lead_image)
        created, modified = when(item.get("created")), when(item.get("modified"))
        effective = when(item.get("effective"))
        key = None
        if existing is None:
            page = page_class(locale=locale, live=False, **fields)
            key = self._translation_key(entry, page_class)
            if key is not None:
                page.translation_key = key
            page.slug = self._unique_slug(parent, item["id"])
            if page.slug != slugify(item["id"], allow_unicode=True):
                report.messages.append(
                    _("its address is “%(slug)s”: the old name was taken") % {"slug": page.slug}
                )
            parent.add_child(instance=page)
            report.outcome = CREATED
        else:
            page = existing
            for name, value in fields.items():
                setattr(page, name, value)
            if existing.get_parent().pk != parent.pk:
                report.messages.append(_("it moved in Plone; it stays where it is in Wagtail"))
            report.outcome = UPDATED
        revision = page.save_revision(log_action=False, changed=True)
        if live:
            revision.publish(log_action=False)
        elif page.live:
            page.unpublish(log_action=False)
        stamp = modified or created
        first = (effective or created) if live else None
        Revision.objects.filter(pk=revision.pk).update(
            created_at=(created if existing is None else stamp) or revision.created_at
        )
        updates = {"latest_revision_created_at": stamp or revision.created_at}
        if live:
            updates["last_published_at"] = stamp
            if existing is None or page.first_published_at is None:
                updates["first_published_at"] = first
        Page.objects.filter(pk=page.pk).update(**updates)
        if entry.group is not None:
            self.group_keys.setdefault(entry.group, page.translation_key)
        page.refresh_from_db()
        self._record(entry, page, entry.kind, revision)
        self.pages[entry.uid] = page
        self._redirects(entry, page, report)
        if state_note:
            report.messages.append(state_note)
        self._notes(entry, converted, report)
        if converted.pending:
            self.relink.append(entry)
        report.target, report.url = page.title, page.url or ""

    def _notes(self, entry, converted, report):
        item = entry.item
        for message in converted.unsupported:
            report.messages.append(_("rich text: %(message)s") % {"message": message})
        for uid in dict.fromkeys(converted.dangling):
            report.messages.append(
                _("a link to resolveuid/%(uid)s points to nothing in the export: kept as text")
                % {"uid": uid}
            )
        if item.get("subjects"):
            report.messages.append(
                _("tags not carried over (the page type has none): %(tags)s")
                % {"tags": ", ".join(item["subjects"])}
            )
        if entry.group is None and entry.item.get("language"):
            report.messages.append(_("no translation in Plone: it stays single"))

    def _relink(self, entry):
        page = self.pages.get(entry.uid)
        if page is None:
            return
        with transaction.atomic():
            lead = self._existing(f"{entry.uid}#image")[1]
            fields, converted = self._fields(entry, entry.locale, lead)
            page.body = fields["body"]
            field = page._meta.get_field("body")
            type(page).objects.filter(pk=page.pk).update(body=field.get_prep_value(page.body))
            revision = page.latest_revision
            if revision is not None:
                revision.content["body"] = field.value_to_string(page)
                Revision.objects.filter(pk=revision.pk).update(content=revision.content)
            report = self.report.entry(entry.path)
            for uid in dict.fromkeys(converted.pending):
                report.messages.append(
                    _("a link to %(path)s stays text: that item was not imported")
                    % {"path": self.export.path_of(self.export.by_uid[uid])}
                )

    # old addresses

    def _old_paths(self, entry):
        site_path = self.export.site_path()
        full = site_path + entry.path
        old = [entry.path]
        for before, after in self.export.redirects.items():
            if after.rstrip("/") == full.rstrip("/"):
                old.append(
                    before[len(site_path) :] if before.startswith(site_path + "/") else before
                )
        return old

    def _redirects(self, entry, page, report, link=""):
        new = Redirect.normalise_path(page.url) if page is not None and page.url else None
        for old in self._old_paths(entry):
            path = Redirect.normalise_path(old)
            if path == new:
                continue
            Redirect.objects.update_or_create(
                old_path=path,
                site=None,
                defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
            )
            report.messages.append(_("old address %(path)s redirects here") % {"path": path})

    def import_link(self, entry, report):
        url = (entry.item.get("remoteUrl") or "").strip()
        if not url:
            raise ItemError(_("the Link has no address"))
        record, existing = self._existing(entry.uid)
        if existing is not None and record.digest == digest(entry.item, "redirect"):
            report.outcome, report.target = UNCHANGED, url
            return
        target_uid = self.uid_for_url(url)
        page = self.pages.get(target_uid) if target_uid else None
        if target_uid and page is None:
            page = self._existing(target_uid)[1]
            page = page if isinstance(page, Page) else None
            if page is None:
                raise ItemError(
                    _("it points to %(path)s, which was not imported")
                    % {"path": self.export.path_of(url)}
                )
        path = Redirect.normalise_path(entry.path)
        redirect, _created = Redirect.objects.update_or_create(
            old_path=path,
            site=None,
            defaults={
                "redirect_page": page,
                "redirect_link": "" if page else url,
                "is_permanent": True,
            },
        )
        self._record(entry, redirect, "redirect")
        report.outcome = UPDATED if existing is not None else CREATED
        report.target = page.url if page else url
        report.messages.append(
            _("a Plone Link is no page: its old address %(path)s now redirects to %(target)s")
            % {"path": path, "target": report.target}
        )
