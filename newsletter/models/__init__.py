"""The newsletter's models: issues (``issues``) and their sending to readers (``deliveries``)."""

from newsletter.models.deliveries import Delivery, IssueSend
from newsletter.models.issues import (
    CONTENT_PAGE_TYPES,
    ItemFormat,
    LanguageMode,
    NewsletterIndexPage,
    NewsletterIssueItem,
    NewsletterIssuePage,
)

__all__ = [
    "CONTENT_PAGE_TYPES",
    "Delivery",
    "IssueSend",
    "ItemFormat",
    "LanguageMode",
    "NewsletterIndexPage",
    "NewsletterIssueItem",
    "NewsletterIssuePage",
]
