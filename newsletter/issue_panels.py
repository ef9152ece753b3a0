"""The panel at the top of an issue's editor: what was left out, and the e-mail's links."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class IssueNoticesPanel(Panel):
    """Tells the editor which items the e-mail leaves out and why, before anyone sends it.

    It reads the instance the editor is working on (the latest draft), so a
    page deleted or unpublished since the issue was composed shows up here.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsletter/admin/issue_notices_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            composition = self.instance.compose()
            live_url = self.instance.full_url if self.instance.live else None
            context.update(
                notices=[str(notice) for notice in composition.notices],
                email_url=f"{live_url}email/" if live_url else None,
                text_url=f"{live_url}email.txt" if live_url else None,
                send_test_url=reverse("newsletter_send_test", args=[self.instance.pk]),
            )
            return context
