"""Many people registering for one event at the same moment, against a real server.

``python -m tests.registrations.burst`` with ``DATABASE_URL`` naming the
test session's PostgreSQL database. It adds a workshop of its own (German,
``BURST_SEATS`` seats and a waiting list), serves the site with a threaded
WSGI server whose threads each have their own database connection, as
gunicorn's workers do, and lets ``BURST_PEOPLE`` threads post the form at
once (a barrier releases them together). It prints the answers and the list
as JSON, then removes everything it made, so the session's demo is as before.
"""

import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import django

PEOPLE = int(os.environ.get("BURST_PEOPLE", "50"))
SEATS = int(os.environ.get("BURST_SEATS", "10"))


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinsite.settings.test")
    django.setup()
    from django.conf import settings

    settings.REGISTRATIONS_RATE = "10000/m"  # all from 127.0.0.1; the limit is tested elsewhere
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]


def make_workshop():
    import datetime

    from django.utils import timezone

    from partnership.models import WorkshopIndexPage, WorkshopPage

    index = WorkshopIndexPage.objects.get(locale__language_code="de")
    start = timezone.now() + datetime.timedelta(days=20)
    page = index.add_child(
        instance=WorkshopPage(
            title="Ansturm-Workshop",
            slug=f"ansturm-{os.getpid()}",
            summary="Viele melden sich gleichzeitig an.",
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue_town="Naumburg (Saale)",
            registration_on_site=True,
            capacity=SEATS,
            waiting_list=True,
        )
    )
    page.save_revision().publish()
    return page


def serve():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Server(ThreadedWSGIServer):
        request_queue_size = 128  # all connect at once; socketserver's default backlog is 5

    server = Server(("127.0.0.1", 0), Quiet, allow_reuse_address=True)
    server.daemon_threads = True
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def post_all(url):
    from accounts.public_forms import HONEYPOT_NAME_FIELD, HONEYPOT_TIME_FIELD

    barrier = threading.Barrier(PEOPLE)
    answers = [None] * PEOPLE

    def one(number):
        data = urllib.parse.urlencode(
            {
                "name": f"Person {number}",
                "email": f"person-{number}@example.org",
                "language": "de" if number % 2 else "fr",
                "consent": "on",
                "source": "/",
                HONEYPOT_NAME_FIELD: "",
                HONEYPOT_TIME_FIELD: str(int(time.time()) - 10),
            }
        ).encode()
        request = urllib.request.Request(url, data=data, method="POST")
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                answers[number] = response.status
        except urllib.error.HTTPError as error:
            answers[number] = error.code
        except OSError as error:
            answers[number] = repr(error)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def main():
    setup()
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from registrations.models import Registration, RegistrationList

    page = make_workshop()
    tasks_before = set(DBTaskResult.objects.values_list("pk", flat=True))
    server, base = serve()
    try:
        answers = post_all(f"{base}/de/registration/{page.pk}/")
    finally:
        server.shutdown()
        server.server_close()
    try:
        registration_list = RegistrationList.objects.get(translation_key=page.translation_key)
        rows = list(
            Registration.objects.filter(registration_list=registration_list)
            .order_by("pk")
            .values("pk", "status", "email")
        )
        new_tasks = DBTaskResult.objects.exclude(pk__in=tasks_before)
        mail_tasks = new_tasks.filter(task_path__endswith="send_registration_mail").count()
        outcome = {"answers": answers, "rows": rows, "mail_tasks": mail_tasks}
    finally:
        key = page.translation_key
        page.delete()
        RegistrationList.objects.filter(translation_key=key).delete()
        DBTaskResult.objects.exclude(pk__in=tasks_before).delete()
        connections.close_all()
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
