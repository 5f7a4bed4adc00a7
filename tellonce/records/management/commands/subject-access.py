import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.core.time import uk_today
from tellonce.people.models import Child
from tellonce.records import services, subject_access


class Command(BaseCommand):
    help = (
        "Write everything held about one child (a subject access request) into one ZIP file with an "
        "index; the export is written in the child's access log."
    )

    def add_arguments(self, parser):
        parser.add_argument("child", help="The child's ID (from the address of their page)")
        parser.add_argument("--output", required=True, type=Path, help="The ZIP file to write")
        parser.add_argument("--asked-by", default="", help="Who asked for the record, for the access log")
        parser.add_argument("--by", default="", help="The username of the member of staff answering it")

    def handle(self, *args, child, output, asked_by, by, **options):
        found = Child.objects.filter(pk=child).select_related("local_authority").first()
        if found is None:
            raise CommandError(f"No child has the ID {child}")
        user = User.objects.filter(username=by).first() if by else User.system_account()
        if user is None:
            raise CommandError(f"No account has the username {by!r}")
        started = time.monotonic()
        self.stdout.write(f"Writing everything held about child {found.pk} to {output}...")
        with output.open("wb") as out:
            written = subject_access.write(found, out, today=uk_today())
        actor = Actor.command(user, "tellonce subject-access")
        services.record_subject_access(found, by=actor, asked_by=asked_by)
        for part, count in written.parts:
            if count:
                self.stdout.write(f"  {part.name}: {count:,}")
        self.stdout.write(
            f"  {len(written.plans)} plan versions as PDF, {len(written.documents)} advice documents\n"
            f"Written {written.files} files, {output.stat().st_size:,} bytes, in "
            f"{time.monotonic() - started:.1f} seconds; the export is in the child's access log."
        )
