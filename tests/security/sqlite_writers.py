"""Editors writing at the same moment to one SQLite file, run apart from the test process.

``python -m tests.security.sqlite_writers <scenario>`` with ``DATABASE_URL``
naming a SQLite file that holds the demo. The test suite's own database lives
in memory, where every thread shares one connection; here each thread has its
own connection to the file, as the threads of ``make run`` and of gunicorn's
workers have. Each request goes through Django's whole stack (test client:
middleware, ``ATOMIC_REQUESTS``, Wagtail's views). Prints what was answered
as JSON on stdout.

Scenarios:

- ``concurrent``: several editors (Naumburg and Les Ulis) each open the editor
  of their own page (which records an editing session), upload an image in
  the image chooser and save a draft, all at once;
- ``locked``: another process holds the write lock for longer than
  ``SQLITE_TIMEOUT``; Les Ulis saves a draft, then saves the same form again
  once the lock is gone.
"""

import io
import json
import os
import re
import sqlite3
import sys
import threading

import django

WRITERS = 6  # editors at work at once
ROUNDS = 2  # each uploads an image and saves a draft this many times


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinsite.settings.test")
    django.setup()


def png(seed):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (seed * 40 % 256, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def own_page(username, number):
    """A page of the editor's own tree, with nobody else's revisions on it."""
    from django.contrib.auth import get_user_model

    from home.models import HomePage, StandardPage

    user = get_user_model().objects.get(username=username)
    language = "de" if username == "naumburg" else "fr"
    home = HomePage.objects.get(locale__language_code=language)
    page = home.add_child(
        instance=StandardPage(title=f"Gleichzeitig {number}", slug=f"gleichzeitig-{number}")
    )
    page.save_revision(user=user)
    return user, page


def signed_in(user):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def open_editor(client, page, intro):
    """Open the page editor; return its answer and what it sends on "Save draft"."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        found = re.search(rf'name="{name}" value="([^"]*)"', html)
        if found:
            data[name] = found[1]
    return response, data


def upload(client, number, collection):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": f"Gleichzeitig hochgeladen {number}",
            "image-chooser-upload-collection": collection,
            "image-chooser-upload-file": SimpleUploadedFile(f"bild-{number}.png", png(number)),
        },
    )


def answer(kind, response):
    text = response.content.decode(errors="replace")
    step = None
    if response["Content-Type"].startswith("application/json"):
        step = json.loads(text).get("step")
    return {"kind": kind, "status": response.status_code, "step": step, "text": text[:2000]}


def concurrent():
    from wagtail.models import Collection

    collections = {
        "naumburg": Collection.objects.get(name="Naumburg").pk,
        "lesulis": Collection.objects.get(name="Les Ulis").pk,
    }
    writers = []
    for number in range(WRITERS):
        username = ("naumburg", "lesulis")[number % 2]
        user, page = own_page(username, number)
        writers.append((signed_in(user), page, collections[username]))

    start = threading.Barrier(WRITERS)
    answers = []

    def write(number, client, page, collection):
        start.wait()
        for r in range(ROUNDS):
            opened, form = open_editor(client, page, f"Fassung {number}.{r}")
            answers.append(answer("editor", opened))
            answers.append(answer("upload", upload(client, number * 10 + r, collection)))
            answers.append(answer("draft", client.post(f"/admin/pages/{page.pk}/edit/", form)))

    threads = [
        threading.Thread(target=write, args=(number, *writer))
        for number, writer in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"answers": answers, **counts([page for _client, page, _c in writers])}


def counts(pages):
    from wagtail.images import get_image_model
    from wagtail.models import Revision

    return {
        "images": get_image_model()
        .objects.filter(title__startswith="Gleichzeitig hochgeladen")
        .count(),
        "drafts": Revision.page_revisions.filter(
            object_id__in=[str(page.pk) for page in pages], content__intro__startswith="Fassung"
        ).count(),
    }


def locked():
    from django.db import connection

    user, page = own_page("lesulis", 99)
    client = signed_in(user)
    _opened, form = open_editor(client, page, "Fassung während der Sperre")

    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, as a long write elsewhere holds it
    try:
        during = answer("draft", client.post(f"/admin/pages/{page.pk}/edit/", form))
        saved_during = counts([page])["drafts"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    after = answer("draft", client.post(f"/admin/pages/{page.pk}/edit/", form))
    return {"during": during, "saved_during": saved_during, "after": after, **counts([page])}


if __name__ == "__main__":
    setup()
    scenario = {"concurrent": concurrent, "locked": locked}[sys.argv[1]]
    print(json.dumps(scenario()))
