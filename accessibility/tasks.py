"""Feedback mail goes out from the worker of the ``mail`` task backend, as registrations' does.

Each task is a row written in the transaction that stored the submission
(accessibility/views.py), so a mail exists exactly when the submission was
committed; ``manage.py db_worker --backend mail --queue-name mail`` sends it.
One mail per task, so a worker restarted after a crash sends none twice.
"""

from django_tasks import task
from wagtail.contrib.forms.models import FormSubmission

from accessibility import mails
from accessibility.models import AccessibilityStatementPage

CONTACT = "contact"
SENDER = "sender"
MESSAGES = {CONTACT: mails.contact_notice, SENDER: mails.sender_receipt}


@task(backend="mail", queue_name="mail")
def send_feedback_mail(submission_id, kind, base_url):
    """Send the notice to the town or the receipt to the sender; nothing once it is gone."""
    submission = FormSubmission.objects.filter(pk=submission_id).first()
    if submission is None:
        return False
    statement = (
        AccessibilityStatementPage.objects.select_related("locale")
        .filter(pk=submission.page_id)
        .first()
    )
    if statement is None:
        return False
    MESSAGES[kind](statement, submission, base_url).send()
    return True
