from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tellonce.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create a bearer token for the JSON API. The token is shown once; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for")
        parser.add_argument("--days", type=int, default=365, help="Days until it expires (default 365)")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}")
        _, key = ApiToken.issue(user, name, expires_at=timezone.now() + timedelta(days=days))
        self.stdout.write(f"Token for {user} ({user.get_role_display()}), expires in {days} days:\n{key}")
