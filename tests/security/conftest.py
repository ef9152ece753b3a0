"""Editors in their own admin language, and a look at what reached the media storage."""

import html
import os
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Collection

# Each town's editor: admin language, collection and page language.
EDITORS = {
    "naumburg": SimpleNamespace(language="de", collection="Naumburg"),
    "lesulis": SimpleNamespace(language="fr", collection="Les Ulis"),
}


def visible(response):
    """The response as a reader sees it: entities such as &#x27; turned back into text."""
    return html.unescape(response.content.decode())


def media_files():
    found = set()
    for root, _dirs, names in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(root, name) for name in names)
    return found


@pytest.fixture(params=sorted(EDITORS))
def editor(request, client, demo):
    """A town editor, signed in, with the language they read the admin in."""
    user = get_user_model().objects.get(username=request.param)
    client.force_login(user)
    info = EDITORS[request.param]
    return SimpleNamespace(
        client=client,
        user=user,
        language=info.language,
        collection=Collection.objects.get(name=info.collection),
    )
