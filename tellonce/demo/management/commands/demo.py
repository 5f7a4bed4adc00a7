import random
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.core.db import refresh_planner_statistics, refresh_stale_statistics
from tellonce.core.time import uk_today
from tellonce.demo.foundation import sign_ins_table
from tellonce.demo.steps import DemoArea, Progress, ordered_steps
from tellonce.people.models import Child


class Command(BaseCommand):
    help = "Build a deterministic synthetic local area: the same --children and --seed give the same area."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=2000, help="How many children and young people")
        parser.add_argument("--seed", type=int, default=1, help="Seed for the random generator")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database has children")
        parser.add_argument(
            "--today", type=date.fromisoformat, help="The day the demo treats as today (YYYY-MM-DD)"
        )

    def handle(self, *args, children, seed, if_empty, today, **options):
        if Child.objects.exists():
            if if_empty:
                self.stdout.write(
                    "The database already has children and young people: the demo area was not loaded."
                )
                if User.objects.filter(username="coordinator", role=Role.EHC_COORDINATOR).exists():
                    self.stdout.write(sign_ins_table())
                return
            raise CommandError("The database already has children. Use a new database for the demo area.")
        if children < 10:
            raise CommandError("--children must be at least 10")
        area = DemoArea(children_wanted=children, seed=seed, today=today or uk_today())
        rng = random.Random(seed)
        progress = Progress(self.stdout.write)
        started = time.monotonic()
        self.stdout.write(f"Building the demo area: {children:,} children and young people, seed {seed}")
        with transaction.atomic():
            for step in ordered_steps():
                progress.say(f"{step.name}...")
                step.run(area, rng, progress)
                refresh_stale_statistics()  # the next step's queries read these rows
            if refresh_planner_statistics():
                progress.say("planner statistics refreshed")
        self.stdout.write(f"Demo area built in {time.monotonic() - started:.1f} seconds.\n")
        self.stdout.write(sign_ins_table())
