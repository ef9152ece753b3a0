"""Sending the demo issue to 10,000 readers through a local SMTP server, for ``make bench-mail``.

A benchmark, not a timed test: it measures and checks, and a slow number is a
finding, not a failure. Only a wrong result (a reader without a mail, or with
two, or in the wrong language, a delivery not sent) makes it exit 1.

1. A throw-away database, migrated fresh: ``var/bench/mail_send.sqlite3``, or
   the PostgreSQL database ``DATABASE_URL`` names (dropped and created again,
   so its name must contain "bench"). ``load_demo`` gives the bilingual issue.
2. ``BENCH_MAIL_READERS`` (10,000) confirmed readers on the German list, half
   German, three in ten French, two in ten both (``bulk_create``).
3. An SMTP sink (aiosmtpd, in a thread of this process) counts the messages,
   their bytes and recipients, and keeps each message's headers.
4. ``queue_issue`` as the admin's confirm does, then ``BENCH_MAIL_WORKERS`` (1)
   real workers, ``manage.py db_worker --backend mail --queue-name mail
   --batch``, with the production settings. Their RSS is read from
   ``/proc/<pid>/status`` every 0.2 s (VmRSS, and VmHWM for the peak).
5. The check: every reader exactly once, each with the subject and
   ``Content-Language`` of their version, no delivery in any state but sent,
   no task failed. Then one batch of the French issue, sent in this process,
   gives the queries per mail (``CaptureQueriesContext``).

``NEWSLETTER_SEND_RATE`` is 0 (no limit) unless ``BENCH_MAIL_RATE`` says
otherwise; ``BENCH_MAIL_BATCH`` sets ``NEWSLETTER_SEND_BATCH``. The result is
printed and merged into ``bench/results/mail_send.json`` (one entry per
database and number of workers).

    .venv/bin/python bench/mail_send.py
"""

import email.parser
import json
import logging
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from email import policy
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stack import OUTPUT_DIR, say, server_environment  # noqa: E402

RESULT_PATH = ROOT / "bench" / "results" / "mail_send.json"
SQLITE_PATH = OUTPUT_DIR / "mail_send.sqlite3"
# Only for WAGTAILADMIN_BASE_URL in the mails' links; nothing listens there.
SITE_PORT = 8793
SAMPLE_SECONDS = 0.2
LANGUAGE_MIX = ["de"] * 5 + ["fr"] * 3 + ["both"] * 2
HEADER_END = re.compile(rb"\r?\n\r?\n")


def setting(name, default):
    return os.environ.get(name, default)


# --- the SMTP sink -------------------------------------------------------------------------------


class Sink:
    """An aiosmtpd handler that keeps what the check needs and no more.

    It runs in this process's event loop thread while the workers send, so it
    only stores the header block and the size of each message; parsing waits
    until the run is over.
    """

    def __init__(self):
        self.messages = 0
        self.bytes = 0
        self.received = {}  # recipient -> [(size, header bytes), ...]
        self.placeholders = 0
        self.first = None
        self.last = None

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content
        now = time.time()
        if self.first is None:
            self.first = now
        self.last = now
        self.messages += 1
        self.bytes += len(content)
        if b"unsubscribe.invalid" in content:
            self.placeholders += 1
        head = HEADER_END.split(content, 1)[0]
        for address in envelope.rcpt_tos:
            self.received.setdefault(address.lower(), []).append((len(content), head))
        return "250 Message accepted for delivery"


def start_sink():
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller, port


# --- the throw-away database ---------------------------------------------------------------------


def fresh_database():
    """(DATABASE_URL, description) of an empty database only this script uses."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_PATH}", f"SQLite {SQLITE_PATH.relative_to(ROOT)}"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    if "bench" not in name:
        raise SystemExit(
            f"DATABASE_URL names {name!r}: the benchmark drops and creates its database, "
            "so its name must contain 'bench' (e.g. twinsite_benchmail)."
        )
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url, f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{name}"


def environment(database_url, smtp_port):
    extra = {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "MEDIA_ROOT": str(OUTPUT_DIR / "mail-media"),
        "NEWSLETTER_SEND_RATE": setting("BENCH_MAIL_RATE", "0"),
    }
    if os.environ.get("BENCH_MAIL_BATCH"):
        extra["NEWSLETTER_SEND_BATCH"] = os.environ["BENCH_MAIL_BATCH"]
    # Caches in memory: the worker needs no Redis, and the bench touches no one's databases.
    return server_environment(SITE_PORT, database_url=database_url, redis_url=None, extra=extra)


def manage(env, *args, log=None):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )


# --- inside Django: readers, queue, check --------------------------------------------------------


def german_issue():
    from demo.sections import demo_key
    from newsletter.models import NewsletterIssuePage

    return NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code="de"
    )


def add_readers(locale, count, prefix):
    from django.utils import timezone

    from subscribers.models import Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"{prefix}{number:05d}@example.org",
                language=LANGUAGE_MIX[number % len(LANGUAGE_MIX)],
                state=Subscriber.State.CONFIRMED,
                locale=locale,
                confirmed_at=now,
            )
            for number in range(count)
        ],
        batch_size=500,
    )


def expected_versions(issue):
    """{address: (version, subject, Content-Language)} of every reader of the issue's list."""
    from newsletter import delivery

    pages = delivery.version_pages(issue)
    live = delivery.live_versions(pages)
    assert live == set(delivery.V.values), f"the demo issue is not live in both: {live}"
    rendered, render_ms = {}, {}
    for version in sorted(live):
        began = time.perf_counter()
        rendered[version] = delivery.render_version(issue, version, pages)
        render_ms[str(version)] = round((time.perf_counter() - began) * 1000)
    expected = {}
    for address, language in delivery.readers(issue).values_list("email", "language"):
        version = delivery.READER_VERSION[language]
        expected[address.lower()] = (
            version,
            rendered[version].subject.strip(),
            rendered[version].lang,
        )
    return expected, render_ms


def read_status(pid):
    """(VmRSS, VmHWM) in KiB, or None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    if "VmRSS" not in fields:  # a zombie: exited, not yet reaped
        return None
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def run_workers(env, count, sink, timeout):
    """Start the workers, sample them until all have exited; their samples and timings."""
    procs = []
    logs = []
    started = time.time()
    for number in range(count):
        log = (OUTPUT_DIR / f"mail-worker-{number + 1}.log").open("w")
        logs.append(log)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--backend",
                    "mail",
                    "--queue-name",
                    "mail",
                    "--batch",
                    "--no-reload",
                    "--no-startup-delay",
                    "--worker-id",
                    f"bench-{number + 1}",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    samples = {proc.pid: [] for proc in procs}
    peak = dict.fromkeys(samples, 0)
    exited = {}
    timeline = []
    try:
        while True:
            now = time.time() - started
            for proc in procs:
                if proc.pid in exited:
                    continue
                status = read_status(proc.pid)
                if status is not None and status[0] >= 1024:  # not yet Python while it starts
                    rss, hwm = status
                    samples[proc.pid].append((round(now, 2), rss, sink.messages))
                    peak[proc.pid] = max(peak[proc.pid], hwm)
                if proc.poll() is not None:
                    exited[proc.pid] = (proc.returncode, time.time() - started)
            timeline.append((round(now, 2), sink.messages))
            if len(exited) == len(procs):
                break
            if now > timeout:
                raise SystemExit(f"The workers were still running after {timeout} s; stopped.")
            time.sleep(SAMPLE_SECONDS)
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
                proc.wait(10)
        for log in logs:
            log.close()
    workers = []
    for number, proc in enumerate(procs, start=1):
        rows = samples[proc.pid]
        sending = [rss for _t, rss, sent in rows if sent > 0] or [rss for _t, rss, _s in rows]
        workers.append(
            {
                "worker": f"bench-{number}",
                "exit_code": exited[proc.pid][0],
                "seconds": round(exited[proc.pid][1], 2),
                "samples": len(rows),
                "rss_mib_at_start": mib(rows[0][1]) if rows else None,
                "rss_mib_at_first_mail": mib(sending[0]) if sending else None,
                "rss_mib_median": mib(statistics.median(sending)) if sending else None,
                "rss_mib_last": mib(rows[-1][1]) if rows else None,
                "rss_mib_peak": mib(peak[proc.pid]),
                "rss_timeline": rows[:: max(1, len(rows) // 60)],
            }
        )
    return started, workers, timeline


def mib(kib):
    return round(kib / 1024, 1)


def check(issue, expected, sink):
    """Every reader once, in their version; every delivery sent; no task failed."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Delivery

    problems = []
    received = sink.received
    missing = sorted(set(expected) - set(received))
    strangers = sorted(set(received) - set(expected))
    twice = sorted(address for address, mails in received.items() if len(mails) > 1)
    wrong = []
    sizes = {}
    parser = email.parser.BytesHeaderParser(policy=policy.default)
    for address, mails in received.items():
        if address not in expected:
            continue
        version, subject, lang = expected[address]
        for size, head in mails:
            headers = parser.parsebytes(head + b"\r\n\r\n")
            sizes.setdefault(str(version), []).append(size)
            got = (str(headers["Subject"]).strip(), str(headers["Content-Language"]))
            if got != (subject, lang):
                wrong.append((address, version, got))
    if sink.messages != len(expected):
        problems.append(f"{sink.messages} mails received for {len(expected)} readers")
    if missing:
        problems.append(f"{len(missing)} readers got nothing, e.g. {missing[:3]}")
    if strangers:
        problems.append(f"{len(strangers)} mails to addresses not on the list: {strangers[:3]}")
    if twice:
        problems.append(f"{len(twice)} readers got more than one mail, e.g. {twice[:3]}")
    if wrong:
        problems.append(f"{len(wrong)} mails in the wrong version, e.g. {wrong[:2]}")
    if sink.placeholders:
        problems.append(f"{sink.placeholders} mails kept the unsubscribe placeholder")
    states = dict(
        Delivery.objects.filter(send__issue=issue)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if states != {Delivery.State.SENT: len(expected)}:
        problems.append(f"deliveries by state: {states}, expected all {len(expected)} sent")
    tasks = DBTaskResult.objects.filter(backend_name="mail")
    task_states = dict(tasks.values_list("status").annotate(n=Count("pk")).order_by())
    if set(task_states) != {"SUCCESSFUL"}:
        problems.append(f"tasks by status: {task_states}")
    returns = Counter(tasks.values_list("return_value", flat=True))
    version_sizes = {
        version: round(statistics.mean(values) / 1024, 1) for version, values in sizes.items()
    }
    return problems, states, task_states, returns, version_sizes


def last_sent_at(issue):
    from django.db.models import Max

    from newsletter.models import Delivery

    finished = Delivery.objects.filter(send__issue=issue).aggregate(last=Max("finished_at"))
    return finished["last"].timestamp() if finished["last"] else None


def queries_per_mail(german, user, sink):
    """One batch of the French issue to the French list, in this process, its queries counted."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsletter import delivery
    from newsletter.models import IssueSend, NewsletterIssuePage

    french = NewsletterIssuePage.objects.get(
        translation_key=german.translation_key, locale__language_code="fr"
    )
    size = settings.NEWSLETTER_SEND_BATCH
    add_readers(french.locale, size, "probe")
    delivery.queue_issue(french, user)
    send = IssueSend.objects.get(issue=french)
    before = sink.messages
    with CaptureQueriesContext(connection) as captured:
        sent = delivery.send_batch(send.pk)
    assert sent == size == sink.messages - before, (sent, size, sink.messages - before)
    shapes = Counter(
        re.sub(r"\d+|'[^']*'", "?", query["sql"])[:70] for query in captured.captured_queries
    )
    return {
        "batch": size,
        "queries": len(captured),
        "per_mail": round(len(captured) / sent, 2),
        "repeated_per_mail": {shape: n for shape, n in shapes.items() if n >= sent},
    }


# --- the report ----------------------------------------------------------------------------------


def table(rows, columns):
    widths = [max(len(str(c)), *(len(str(r[i])) for r in rows)) for i, c in enumerate(columns)]
    lines = ["  ".join(str(c).rjust(w) for c, w in zip(columns, widths, strict=True))]
    for row in rows:
        lines.append("  ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def save(result):
    RESULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULT_PATH.read_text()) if RESULT_PATH.exists() else {}
    key = f"{result['database_kind']}, {result['workers']} worker(s), rate {result['send_rate']}"
    results[key] = result
    RESULT_PATH.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def main():
    readers = int(setting("BENCH_MAIL_READERS", "10000"))
    worker_count = int(setting("BENCH_MAIL_WORKERS", "1"))
    timeout = float(setting("BENCH_MAIL_TIMEOUT", "3600"))
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    say(f"make bench-mail, {stamp}, {os.cpu_count()} cores, load average {os.getloadavg()}")

    sink, controller, smtp_port = start_sink()
    try:
        database_url, database = fresh_database()
        env = environment(database_url, smtp_port)
        say(f"database: {database}; SMTP sink on 127.0.0.1:{smtp_port}")
        began = time.time()
        with (OUTPUT_DIR / "mail-prepare.log").open("w") as log:
            manage(env, "migrate", "--no-input", log=log)
            manage(env, "load_demo", log=log)
        prepared = time.time() - began
        say(f"migrated and demo loaded in {prepared:.0f} s (log: var/bench/mail-prepare.log)")

        os.environ.update(env)
        import django

        django.setup()
        # aiosmtpd logs every command at INFO; the sink must cost the machine as little as it can.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import connections
        from django_tasks_db.models import DBTaskResult

        from newsletter import delivery

        rate, batch = settings.NEWSLETTER_SEND_RATE, settings.NEWSLETTER_SEND_BATCH
        say(
            f"settings: {env['DJANGO_SETTINGS_MODULE']}, NEWSLETTER_SEND_RATE {rate:g} "
            f"({'no limit' if not rate else 'mails/s'}), NEWSLETTER_SEND_BATCH {batch}, "
            f"{worker_count} worker(s)"
        )
        issue = german_issue()
        admin = get_user_model().objects.get(username="admin")
        began = time.time()
        add_readers(issue.locale, readers, "reader")
        expected, render_ms = expected_versions(issue)
        added = time.time() - began
        began = time.time()
        queued = delivery.queue_issue(issue, admin)
        queue_seconds = time.time() - began
        tasks_queued = DBTaskResult.objects.filter(backend_name="mail").count()
        say(
            f"{len(expected)} readers added in {added:.1f} s; queue_issue: {queued} deliveries "
            f"and {tasks_queued} tasks in {queue_seconds:.1f} s"
        )
        assert queued == len(expected) == readers, (queued, len(expected), readers)
        connections.close_all()

        load_before = os.getloadavg()
        started, workers, timeline = run_workers(env, worker_count, sink, timeout)
        load_after = os.getloadavg()
        all_sent = last_sent_at(issue)
        problems, states, task_states, returns, sizes = check(issue, expected, sink)
        problems += [
            f"{w['worker']} exited with {w['exit_code']}" for w in workers if w["exit_code"]
        ]
        seconds = (all_sent - started) if all_sent else None
        first_mail = sink.first - started if sink.first else None
        sending = (sink.last - sink.first) if sink.first and sink.last > sink.first else None
        probe = queries_per_mail(issue, admin, sink) if not problems else None

        result = {
            "date": stamp,
            "machine": {
                "cores": os.cpu_count(),
                "python": platform.python_version(),
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in load_after],
            },
            "database": database,
            "database_kind": "postgresql" if database.startswith("PostgreSQL") else "sqlite",
            "settings": env["DJANGO_SETTINGS_MODULE"],
            "readers": len(expected),
            "workers": worker_count,
            "send_rate": rate,
            "send_batch": batch,
            "prepare_seconds": round(prepared, 1),
            "queue_issue_seconds": round(queue_seconds, 2),
            "tasks_queued": tasks_queued,
            "tasks_run": sum(task_states.values()),
            "tasks_by_mails_sent": {str(k): v for k, v in sorted(returns.items(), key=str)},
            "seconds_to_all_sent": round(seconds, 2) if seconds else None,
            "seconds_to_first_mail": round(first_mail, 2) if first_mail else None,
            "mails_per_second": round(len(expected) / seconds, 1) if seconds else None,
            "mails_per_second_sending": round((sink.messages - 1) / sending, 1)
            if sending
            else None,
            "mails_received": sink.messages,
            "mail_kib_mean": round(sink.bytes / max(sink.messages, 1) / 1024, 1),
            "mail_kib_by_version": sizes,
            "render_ms_by_version": render_ms,
            "deliveries_by_state": states,
            "tasks_by_status": task_states,
            "queries": probe,
            "workers_detail": workers,
            "sink_timeline": timeline[:: max(1, len(timeline) // 120)],
            "problems": problems,
        }
        report(result)
        save(result)
        say(f"\nWritten to {RESULT_PATH.relative_to(ROOT)}; logs: var/bench/mail-worker-*.log")
        return 1 if problems else 0
    finally:
        controller.stop()


def report(result):
    say("")
    rows = [
        (
            result["readers"],
            result["workers"],
            f"{result['send_rate']:g}" if result["send_rate"] else "none",
            result["seconds_to_all_sent"],
            result["mails_per_second"],
            result["mails_per_second_sending"],
            max(w["rss_mib_median"] or 0 for w in result["workers_detail"]),
            max(w["rss_mib_peak"] for w in result["workers_detail"]),
            result["mail_kib_mean"],
            result["queries"]["per_mail"] if result["queries"] else "-",
        )
    ]
    columns = (
        "readers",
        "workers",
        "rate limit",
        "seconds",
        "mails/s",
        "sending mails/s",
        "RSS median MiB",
        "RSS peak MiB",
        "mail KiB",
        "queries/mail",
    )
    say(table(rows, columns))
    say("")
    say(
        table(
            [
                (
                    w["worker"],
                    w["seconds"],
                    w["rss_mib_at_start"],
                    w["rss_mib_at_first_mail"],
                    w["rss_mib_median"],
                    w["rss_mib_last"],
                    w["rss_mib_peak"],
                )
                for w in result["workers_detail"]
            ],
            ("worker", "ran s", "RSS start", "first mail", "median", "last", "peak (VmHWM)"),
        )
    )
    say("")
    say(
        f"first mail after {result['seconds_to_first_mail']} s (the worker's start-up); "
        f"mail size by version (KiB): {result['mail_kib_by_version']}"
    )
    say(f"one rendering of each version, in this process (ms): {result['render_ms_by_version']}")
    say(
        f"tasks: {result['tasks_queued']} queued by queue_issue, {result['tasks_run']} run; "
        f"mails sent per task: {result['tasks_by_mails_sent']}"
    )
    if result["queries"]:
        probe = result["queries"]
        say(
            f"queries: {probe['queries']} for one batch of {probe['batch']} "
            f"({probe['per_mail']} per mail); once or more per mail:"
        )
        for shape, count in probe["repeated_per_mail"].items():
            say(f"  {count:5}  {shape}")
    machine = result["machine"]
    say(f"load average before {machine['load_before']}, after {machine['load_after']}")
    say("")
    checks = [
        "every reader got exactly one mail",
        "each in their version (subject and Content-Language)",
        "every delivery is sent; no task failed",
    ]
    if result["problems"]:
        for problem in result["problems"]:
            say(f"[FAIL] {problem}")
    else:
        for line in checks:
            say(f"[PASS] {line}")


if __name__ == "__main__":
    sys.exit(main())
