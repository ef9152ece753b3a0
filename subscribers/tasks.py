"""Mail goes out from the worker of the ``mail`` task backend, not from the request.

``manage.py db_worker --backend mail --queue-name mail`` runs these
(docs/operations.md, "Background workers").
"""

from django_tasks import task

from subscribers.mails import confirmation_message
from subscribers.models import Subscriber


@task(backend="mail", queue_name="mail")
def send_confirmation(subscriber_id, base_url):
    """Send the double opt-in mail; to a confirmed reader, the note that they are subscribed.

    A reader who left meanwhile gets nothing.
    """
    subscriber = Subscriber.objects.select_related("locale").filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.state == Subscriber.State.UNSUBSCRIBED:
        return False
    confirmation_message(subscriber, base_url).send()
    return True
