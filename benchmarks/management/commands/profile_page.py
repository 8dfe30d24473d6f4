"""Renders one address N times through Django's test client and says where the time goes:
ms per request, SQL queries per request and, with ``--profile``, the functions with the most
cumulative time (cProfile). Run it with the benchmark settings and the page cache off, so that
every request computes the page as an uncached visitor's would:

    PAGE_CACHE=off DJANGO_SETTINGS_MODULE=config.settings.bench \\
        .venv/bin/python manage.py profile_page /metiers/tailleur-de-pierre/ -n 200 --profile

On a loaded machine, wall-clock times move from one run to the next: compare two versions by
interleaving their runs, or count instructions (``valgrind --tool=callgrind``, with ``-n`` small).
"""

import cProfile
import io
import pstats
import time
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client


class Command(BaseCommand):
    help = "Render an address N times through the test client: ms/request, queries, profile."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The address, e.g. /metiers/tailleur-de-pierre/")
        parser.add_argument(
            "-n", "--requests", type=int, default=100, help="Timed requests (default 100, at least 1)."
        )
        parser.add_argument("--warm-up", type=int, default=5, help="Untimed requests first (default 5).")
        parser.add_argument("--profile", action="store_true", help="Print the top cumulative functions.")
        parser.add_argument("--top", type=int, default=40, help="How many functions to print (default 40).")
        parser.add_argument("--save", metavar="FILE", help="Write the last response's body to FILE.")
        parser.add_argument(
            "--sort", default="cumulative", help="pstats sort key: cumulative (default), tottime..."
        )

    def handle(self, *args, path, requests, warm_up, profile, top, sort, save, **options):
        requests = max(requests, 1)
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: use DJANGO_SETTINGS_MODULE=config.settings.bench.")
        if getattr(settings, "PAGE_CACHE_ENABLED", False):
            self.stderr.write("The page cache is on: set PAGE_CACHE=off to measure computed pages.")
        client = Client()
        # WhiteNoise warns of a missing STATIC_ROOT, which pages do not need.
        warnings.filterwarnings("ignore", message="No directory at")

        def get():
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            return response

        for _ in range(warm_up):
            get()
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            get()
        profiler = cProfile.Profile() if profile else None
        start, cpu_start = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(requests):
            response = get()
        if profiler:
            profiler.disable()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        # CPU time of this process: the server's share, less moved than wall time by a loaded machine.
        self.stdout.write(
            f"{path}: {elapsed * 1000 / requests:.2f} ms/request ({cpu * 1000 / requests:.2f} ms CPU)"
            f" over {requests} requests"
            f"{' (profiled: slower than plain)' if profiler else ''}, {len(queries)} SQL queries"
        )
        if save:
            with open(save, "wb") as file:
                file.write(response.content)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
            self.stdout.write(out.getvalue())
