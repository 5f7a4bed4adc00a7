"""`tellonce worker`: runs queued tasks and the scheduled jobs until SIGTERM (docs/worker.md)."""

from django.core.management.base import BaseCommand, CommandError

from tellonce.jobs.worker import Worker, database_backend_in_use


class Command(BaseCommand):
    help = "Run queued tasks (e-mail, documents) and the scheduled jobs. Stops cleanly on SIGTERM."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run what is ready and what is due, then exit (tests, cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when nothing is ready (default 1)."
        )
        parser.add_argument("--worker-id", default="", help="A name for this worker, unique among them.")

    def handle(self, *args, once, interval, worker_id, **options):
        if not database_backend_in_use():
            raise CommandError(
                "Tasks are not queued in the database (TELLONCE_TASKS is not 'database'): nothing to work off."
            )
        worker = Worker(interval=max(interval, 0.0), worker_id=worker_id)
        worker.handle_signals()
        if options["verbosity"] > 0:
            self.stdout.write(f"Worker {worker.worker_id} started.")
        done = worker.run(once=once)
        if options["verbosity"] > 0:
            self.stdout.write(f"Worker {worker.worker_id} stopped after {done} task(s).")
