"""An issue's live versions as campaigns for the agency's newsletter tool, and the push log."""

from django.utils import formats
from wagtail.log_actions import log

from newsletter import delivery
from newsletter.models import Delivery
from newsletter.providers import PushVersion
from newsletter.providers.base import UNSUBSCRIBE_PLACEHOLDER

PUSH_ACTION = "newsletter.push_campaign"
VERSION_NAMES = dict(Delivery.Version.choices)
ORDER = [Delivery.Version.GERMAN, Delivery.Version.FRENCH, Delivery.Version.BILINGUAL]


def live_versions(issue):
    """The versions that can be pushed, in a fixed order: those live and public."""
    pages = delivery.version_pages(issue)
    live = delivery.live_versions(pages)
    return pages, [version for version in ORDER if version in live]


def push_version(issue, version, pages):
    """``version`` of ``issue`` for a campaign, a placeholder standing for the unsubscribe link."""
    parts = delivery.version_issue(issue, version, pages).render_email(
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER
    )
    label = str(VERSION_NAMES[version])
    date = formats.date_format(issue.issue_date, "Y-m-d")
    return PushVersion(
        key=str(version),
        label=label,
        name=f"{parts.subject} ({version}, {date})",
        subject=parts.subject,
        preheader=parts.preheader,
        html=parts.html,
        text=parts.text,
    )


def log_push(page, user, provider, version, campaign=None, error=None):
    """One audit log entry per campaign pushed or refused: the tool and the id, no secrets."""
    log(
        instance=page,
        action=PUSH_ACTION,
        user=user,
        data={
            "provider": provider.label,
            "version": str(version),
            "outcome": "pushed" if error is None else "failed",
            "campaign_id": campaign.id if campaign else "",
            "url": campaign.url if campaign else "",
            "status": getattr(error, "status", None) or "",
        },
    )
