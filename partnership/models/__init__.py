from partnership.models.delegations import (
    DelegationFundingLink,
    DelegationParticipant,
    DelegationRelatedPage,
    DelegationReportIndexPage,
    DelegationReportPage,
)
from partnership.models.snippets import Association, ContactPerson, FundingProgramme, PartnerCity
from partnership.models.workshops import (
    WorkshopIndexPage,
    WorkshopOrganiser,
    WorkshopPage,
)

__all__ = [
    "Association",
    "ContactPerson",
    "DelegationFundingLink",
    "DelegationParticipant",
    "DelegationRelatedPage",
    "DelegationReportIndexPage",
    "DelegationReportPage",
    "FundingProgramme",
    "PartnerCity",
    "WorkshopIndexPage",
    "WorkshopOrganiser",
    "WorkshopPage",
]
