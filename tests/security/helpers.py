"""What the security tests share: a second editor, a signed-in client, what a reader sees."""

import html
import os
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.users.models import UserProfile


def visible(response):
    """The response as a reader sees it: entities such as &#x27; turned back into text."""
    return html.unescape(response.content.decode())


def colleague(language, group):
    """A second editor of the same team, reading the admin in the same language."""
    user = get_user_model().objects.create_user(
        f"kollege-{language}", password="x", first_name="Bernd", last_name="Zweit"
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def loaded_revision(html):
    """The revision an editor's form was opened on, and the tab it is in."""
    return {
        "loaded_revision_id": re.search(r'name="loaded_revision_id" value="(\d+)"', html)[1],
        "loaded_revision_created_at": re.search(
            r'name="loaded_revision_created_at" value="([^"]+)"', html
        )[1],
        "edit_tab": re.search(r'name="edit_tab" value="([\w-]+)"', html)[1],
    }


def media_files():
    found = set()
    for root, _dirs, names in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(root, name) for name in names)
    return found
