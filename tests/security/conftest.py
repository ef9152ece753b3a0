"""Editors in their own admin language (the helpers are in tests/security/helpers.py)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Collection

# Each town's editor: admin language, collection and page language.
EDITORS = {
    "naumburg": SimpleNamespace(language="de", collection="Naumburg"),
    "lesulis": SimpleNamespace(language="fr", collection="Les Ulis"),
}


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
