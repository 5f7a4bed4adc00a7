from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tellonce.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from tellonce.accounts import permissions  # noqa: F401  (registers the rules)
