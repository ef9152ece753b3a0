import pytest

from subscribers.models import Subscriber


@pytest.fixture(autouse=True)
def empty_lists(db):
    """These tests count the readers they make themselves, so the lists start empty.

    The demo puts a few readers on each list (demo/subscriptions.py, tested in
    tests/demo); here they would only be more rows to count around.
    """
    Subscriber.objects.all().delete()
